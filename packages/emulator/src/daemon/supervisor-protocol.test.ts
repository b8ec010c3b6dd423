import { afterControlLoopsExit, MAX_QUICK_DEATHS, STABLE_MS } from './supervisor-protocol.js';

describe('what the supervisor does when its control loops exit', () => {
  const base = { deliberate: false, code: null, everReady: true, servedMs: 60_000, quickDeaths: 0 };

  it('restarts loops that served and were killed, at once, however often', () => {
    expect(afterControlLoopsExit(base)).toEqual({ action: 'restart', delayMs: 0, quickDeaths: 0 });
    expect(afterControlLoopsExit({ ...base, code: 1 })).toEqual({ action: 'restart', delayMs: 0, quickDeaths: 0 });
    expect(afterControlLoopsExit({ ...base, servedMs: STABLE_MS, quickDeaths: 3 })).toEqual({ action: 'restart', delayMs: 0, quickDeaths: 0 });
  });

  it('does not restart a deliberate stop (down, SIGTERM), and exits with its code', () => {
    expect(afterControlLoopsExit({ ...base, deliberate: true, code: 0 })).toMatchObject({ action: 'exit', code: 0 });
  });

  it("does not restart loops that never served: the start failure is the CLI's to report", () => {
    expect(afterControlLoopsExit({ ...base, everReady: false, servedMs: undefined, code: 1 })).toMatchObject({ action: 'exit', code: 1 });
    expect(afterControlLoopsExit({ ...base, everReady: false, servedMs: undefined })).toMatchObject({ action: 'exit', code: 1 });
  });

  it('backs off when restarted loops die soon after starting, and gives up on a crash loop', () => {
    expect(afterControlLoopsExit({ ...base, servedMs: 100 })).toEqual({ action: 'restart', delayMs: 0, quickDeaths: 1 });
    expect(afterControlLoopsExit({ ...base, servedMs: undefined, quickDeaths: 1 })).toEqual({ action: 'restart', delayMs: 500, quickDeaths: 2 });
    expect(afterControlLoopsExit({ ...base, servedMs: 100, quickDeaths: 3 })).toEqual({ action: 'restart', delayMs: 2000, quickDeaths: 4 });
    expect(afterControlLoopsExit({ ...base, servedMs: 100, quickDeaths: MAX_QUICK_DEATHS })).toMatchObject({ action: 'exit', code: 1 });
  });
});

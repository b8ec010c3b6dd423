import { afterControlLoopsExit, MAX_RESTARTS, RESTART_WINDOW_MS } from './supervisor-protocol.js';

describe('what the supervisor does when its control loops exit', () => {
  const base = { deliberate: false, code: null, signal: 'SIGKILL', everReady: true, restarts: [] as number[], now: 100_000 };

  it('restarts loops that served and were killed, at once', () => {
    expect(afterControlLoopsExit(base)).toEqual({ action: 'restart', delayMs: 0 });
    expect(afterControlLoopsExit({ ...base, code: 1, signal: null })).toEqual({ action: 'restart', delayMs: 0 });
  });

  it('does not restart a deliberate stop (down, SIGTERM), and exits with its code', () => {
    expect(afterControlLoopsExit({ ...base, deliberate: true, code: 0, signal: null })).toMatchObject({ action: 'exit', code: 0 });
  });

  it('does not restart loops that never served: the start failure is the CLI\'s to report', () => {
    expect(afterControlLoopsExit({ ...base, everReady: false, code: 1, signal: null })).toMatchObject({ action: 'exit', code: 1 });
    expect(afterControlLoopsExit({ ...base, everReady: false })).toMatchObject({ action: 'exit', code: 1 });
  });

  it('backs off after a recent restart and gives up on a crash loop', () => {
    const recent = (n: number) => Array.from({ length: n }, (_, i) => base.now - 1000 * (i + 1));
    expect(afterControlLoopsExit({ ...base, restarts: recent(1) })).toEqual({ action: 'restart', delayMs: 500 });
    expect(afterControlLoopsExit({ ...base, restarts: recent(3) })).toEqual({ action: 'restart', delayMs: 2000 });
    expect(afterControlLoopsExit({ ...base, restarts: recent(MAX_RESTARTS) })).toMatchObject({ action: 'exit', code: 1 });
    // Old restarts do not count.
    expect(afterControlLoopsExit({ ...base, restarts: [base.now - RESTART_WINDOW_MS - 1, base.now - RESTART_WINDOW_MS - 2] })).toEqual({ action: 'restart', delayMs: 0 });
  });
});

import { busyShare, cachedMeter, parseProcStat } from './host-cpu.js';

describe('host CPU times', () => {
  it('reads busy and total ticks from the cpu line of /proc/stat', () => {
    const text = 'cpu  100 5 50 800 20 3 2 0 0 0\ncpu0 50 2 25 400 10 1 1 0 0 0\n';
    expect(parseProcStat(text)).toEqual({ busy: 160, total: 980 });
  });

  it('is undefined for anything else', () => {
    expect(parseProcStat('')).toBeUndefined();
    expect(parseProcStat('intr 1 2 3')).toBeUndefined();
  });

  it('gives the busy share between two readings', () => {
    expect(busyShare({ busy: 100, total: 1000 }, { busy: 290, total: 1200 })).toBeCloseTo(0.95);
    expect(busyShare({ busy: 100, total: 1000 }, { busy: 100, total: 1000 })).toBeUndefined();
    expect(busyShare(undefined, { busy: 1, total: 2 })).toBeUndefined();
  });

  it('reads the host again only once the cached reading is maxAge old', () => {
    let reads = 0;
    let now = 0;
    const meter = cachedMeter(() => ({ busy: ++reads, total: 100 }), 250, () => now);
    expect(meter()).toEqual({ busy: 1, total: 100 });
    now = 249;
    expect(meter()).toEqual({ busy: 1, total: 100 });
    now = 250;
    expect(meter()).toEqual({ busy: 2, total: 100 });
  });
});

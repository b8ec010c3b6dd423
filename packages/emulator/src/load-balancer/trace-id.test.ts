import { isTraceSegment, newTraceSegment, traceHeader } from './trace-id.js';

const NOW = Date.UTC(2024, 0, 2, 3, 4, 5); // 1704164645 s = 0x6593_7d25
const EPOCH_HEX = Math.floor(NOW / 1000).toString(16);

describe('trace id', () => {
  it('is 1-<8 hex epoch seconds>-<24 hex>', () => {
    const segment = newTraceSegment(NOW);
    expect(segment).toMatch(/^1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    expect(segment.slice(2, 10)).toBe(EPOCH_HEX);
    expect(isTraceSegment(segment)).toBe(true);
  });

  it('is unique per request, across refills of the random pool', () => {
    const seen = new Set(Array.from({ length: 2000 }, () => newTraceSegment(NOW)));
    expect(seen.size).toBe(2000);
  });

  it('adds a Root when the request has none', () => {
    expect(traceHeader(undefined, NOW)).toMatch(new RegExp(`^Root=1-${EPOCH_HEX}-[0-9a-f]{24}$`));
    expect(traceHeader('Foo=bar', NOW)).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
  });

  it('keeps an incoming Root and prepends Self', () => {
    const incoming = 'Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1';
    expect(traceHeader(incoming, NOW)).toMatch(
      new RegExp(`^Self=1-${EPOCH_HEX}-[0-9a-f]{24};Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1$`),
    );
  });

  it('replaces an incoming Self rather than stacking them', () => {
    const incoming = 'Self=1-67891234-12456789abcdef012345678a;Root=1-67891233-abcdef012345678912345678';
    const header = traceHeader(incoming, NOW);
    expect(header.match(/Self=/g)).toHaveLength(1);
    expect(header).toMatch(new RegExp(`^Self=1-${EPOCH_HEX}-[0-9a-f]{24};Root=1-67891233-abcdef012345678912345678$`));
  });
});

import { LogDemuxer } from './log-demux.js';

const frame = (stream: 1 | 2, text: string) => {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
};

describe('LogDemuxer', () => {
  it('splits frames into timestamped lines per stream, across chunk boundaries', () => {
    const d = new LogDemuxer();
    const all = Buffer.concat([frame(1, '2026-01-01T00:00:01.000000000Z hello\n2026-01-01T00:00:02.5Z wor'), frame(1, 'ld\n'), frame(2, '2026-01-01T00:00:03Z oops\n')]);
    const lines = [...d.push(all.subarray(0, 5)), ...d.push(all.subarray(5, 30)), ...d.push(all.subarray(30)), ...d.flush()];
    expect(lines).toEqual([
      { at: Date.parse('2026-01-01T00:00:01Z'), stream: 'stdout', text: 'hello' },
      { at: Date.parse('2026-01-01T00:00:02.5Z'), stream: 'stdout', text: 'world' },
      { at: Date.parse('2026-01-01T00:00:03Z'), stream: 'stderr', text: 'oops' },
    ]);
  });

  it('flushes a last line without newline', () => {
    const d = new LogDemuxer();
    expect(d.push(frame(1, '2026-01-01T00:00:01Z tail'))).toEqual([]);
    expect(d.flush()).toEqual([{ at: Date.parse('2026-01-01T00:00:01Z'), stream: 'stdout', text: 'tail' }]);
  });
});

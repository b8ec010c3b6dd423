import { NdjsonLines } from './ndjson-lines.js';

describe('NdjsonLines', () => {
  it('reassembles lines split across chunks and drops blank ones', () => {
    const lines = new NdjsonLines();
    expect(lines.push('{"a":1}\n{"b"')).toEqual(['{"a":1}']);
    expect(lines.push(Buffer.from(':2}\n\n{"c":3}'))).toEqual(['{"b":2}']);
    expect(lines.push('\n')).toEqual(['{"c":3}']);
  });
});

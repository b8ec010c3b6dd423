import { diffFields, NOT_REPORTED, sameValue, specHash, stableStringify } from './diff.js';

describe('diff', () => {
  it('writes keys in sorted order and drops undefined', () => {
    expect(stableStringify({ b: 1, a: { d: [1, 2], c: undefined } })).toBe('{"a":{"d":[1,2]},"b":1}');
  });

  it('treats key order as irrelevant and array order as relevant', () => {
    expect(sameValue({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true);
    expect(sameValue([1, 2], [2, 1])).toBe(false);
  });

  it('hashes content, not key order', () => {
    expect(specHash({ a: 1, b: 2 })).toBe(specHash({ b: 2, a: 1 }));
    expect(specHash({ a: 1 })).not.toBe(specHash({ a: 2 }));
    expect(specHash({ a: 1 })).toMatch(/^[0-9a-f]{16}$/);
  });

  it('reports each differing field with from and to', () => {
    expect(diffFields({ a: 1, b: 'x' }, { a: 2, b: 'x' })).toEqual([{ field: 'a', from: 2, to: 1 }]);
  });

  it('skips unreported fields without hashes, and uses the hashes when given', () => {
    expect(diffFields({ a: 1 }, {})).toEqual([]);
    expect(diffFields({ a: 1 }, {}, { desired: 'h1', observed: 'h1' })).toEqual([]);
    expect(diffFields({ a: 1 }, {}, { desired: 'h1', observed: 'h0' })).toEqual([{ field: 'a', from: NOT_REPORTED, to: 1 }]);
    expect(diffFields({ a: 1 }, {}, { desired: 'h1' })).toEqual([{ field: 'a', from: NOT_REPORTED, to: 1 }]);
  });
});

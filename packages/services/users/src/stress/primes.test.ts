import { countPrimesUpTo, isPrime } from './primes.js';

describe('primes (the stress-test load)', () => {
  it('classifies small numbers as the tutorial isPrime does', () => {
    expect([0, 1, 2, 3, 4, 9, 25, 97].map(isPrime)).toEqual([false, false, true, true, false, false, false, true]);
  });

  it('finds 25 primes up to 100 and 78,498 up to 1,000,000', () => {
    expect(countPrimesUpTo(100)).toBe(25);
    expect(countPrimesUpTo(1_000_000)).toBe(78_498);
  });
});

/** Trial division up to sqrt(n), as the tutorial's isPrime: deliberately naive, it is the CPU load. */
export function isPrime(n: number): boolean {
  if (n <= 1) return false;
  const root = Math.floor(Math.sqrt(n));
  for (let i = 2; i <= root; i++) {
    if (n % i === 0) return false;
  }
  return true;
}

/** Tests every number 2..limit; returns how many were prime (78,498 for 1,000,000). */
export function countPrimesUpTo(limit: number): number {
  let count = 0;
  for (let i = 2; i <= limit; i++) {
    if (isPrime(i)) count++;
  }
  return count;
}

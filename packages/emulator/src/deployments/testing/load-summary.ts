import type { VegetaResult } from './vegeta-load.js';

/** What a test asserts about a load run: how many, how fast, which failed, what answered. */
export interface LoadSummary {
  readonly total: number;
  readonly ratePerSecond: number;
  /** Every non-200 answer (status 0: no answer at all), as `code error`. */
  readonly failures: readonly string[];
  /** Response body -> count. */
  readonly bodies: Readonly<Record<string, number>>;
}

export function summarize(results: readonly VegetaResult[]): LoadSummary {
  const bodies: Record<string, number> = {};
  const failures: string[] = [];
  for (const r of results) {
    if (r.code !== 200) failures.push(`${r.code} ${r.error || r.body.slice(0, 80)}`);
    bodies[r.body] = (bodies[r.body] ?? 0) + 1;
  }
  const first = results[0]?.at ?? 0;
  const last = results.at(-1)?.at ?? first;
  const seconds = Math.max(0.001, (last - first) / 1000);
  return { total: results.length, ratePerSecond: results.length / seconds, failures, bodies };
}

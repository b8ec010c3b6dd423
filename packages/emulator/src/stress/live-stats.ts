// Running figures for the live line while the attack goes on: the completion
// rate over the last second, the success ratio and latency percentiles so far.

export interface AttackResult {
  /** Epoch ms the response (or error) arrived. */
  readonly at: number;
  /** HTTP status; 0 when there was no response (timeout, connection error). */
  readonly code: number;
  readonly latencyMs: number;
  readonly bytesIn: number;
  readonly error?: string;
}

/** What every load tool is asked to do: GET `target` at `rate` per second for `durationSeconds`. */
export interface AttackOptions {
  /** Full URL attacked (GET). */
  readonly target: string;
  readonly rate: number;
  readonly durationSeconds: number;
  readonly timeoutSeconds: number;
  readonly onResult: (result: AttackResult) => void;
  readonly signal?: AbortSignal;
}

export interface LiveFigures {
  readonly elapsedSeconds: number;
  readonly completed: number;
  /** Responses per second over the last second. */
  readonly rate: number;
  /** 0..1 over all responses so far; undefined before the first. */
  readonly success?: number;
  readonly p50Ms?: number;
  readonly p99Ms?: number;
  /** Running tasks of the service, when the caller can tell. */
  readonly taskCount?: number;
}

export class LiveStats {
  private readonly latencies: number[] = [];
  private readonly recent: number[] = [];
  private successes = 0;
  readonly statusCodes: Record<string, number> = {};
  readonly errors = new Set<string>();
  bytesIn = 0;

  constructor(private readonly startedAt: number) {}

  add(result: AttackResult): void {
    this.latencies.push(result.latencyMs);
    this.recent.push(result.at);
    this.bytesIn += result.bytesIn;
    if (isSuccess(result.code)) this.successes++;
    const code = String(result.code);
    this.statusCodes[code] = (this.statusCodes[code] ?? 0) + 1;
    if (result.error) this.errors.add(result.error);
  }

  get completed(): number {
    return this.latencies.length;
  }

  get successRatio(): number {
    return this.completed === 0 ? 0 : this.successes / this.completed;
  }

  figures(now: number, taskCount?: number): LiveFigures {
    while (this.recent.length > 0 && this.recent[0]! <= now - 1000) this.recent.shift();
    const sorted = [...this.latencies].sort((a, b) => a - b);
    return {
      elapsedSeconds: Math.max(0, (now - this.startedAt) / 1000),
      completed: this.completed,
      rate: this.recent.length,
      ...(this.completed > 0
        ? { success: this.successRatio, p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99) }
        : {}),
      ...(taskCount !== undefined ? { taskCount } : {}),
    };
  }

  /** Latency percentile (ms) over every result so far. */
  percentile(p: number): number {
    return percentile([...this.latencies].sort((a, b) => a - b), p);
  }

  meanLatencyMs(): number {
    return this.completed === 0 ? 0 : this.latencies.reduce((a, b) => a + b, 0) / this.completed;
  }

  minLatencyMs(): number {
    return this.completed === 0 ? 0 : Math.min(...this.latencies);
  }

  maxLatencyMs(): number {
    return this.completed === 0 ? 0 : Math.max(...this.latencies);
  }
}

/** vegeta counts 2xx and 3xx as success. */
export function isSuccess(code: number): boolean {
  return code >= 200 && code < 400;
}

/** Nearest-rank percentile of sorted values (as vegeta's estimate, close enough for a live line). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!;
}

/** `[ 12s] rate 49.8/s  success 100.00%  p50 1.204s  p99 3.400s  tasks 2` */
export function formatLiveLine(f: LiveFigures, formatMs: (ms: number) => string): string {
  const parts = [
    `[${f.elapsedSeconds.toFixed(0).padStart(4)}s]`,
    `rate ${f.rate.toFixed(1)}/s`,
    `done ${f.completed}`,
    `success ${f.success === undefined ? '-' : `${(f.success * 100).toFixed(2)}%`}`,
    `p50 ${f.p50Ms === undefined ? '-' : formatMs(f.p50Ms)}`,
    `p99 ${f.p99Ms === undefined ? '-' : formatMs(f.p99Ms)}`,
  ];
  if (f.taskCount !== undefined) parts.push(`tasks ${f.taskCount}`);
  return parts.join('  ');
}

// The end-of-attack report, shaped after `vegeta report` (text) and its JSON
// form (`vegeta report -type=json`), whichever tool produced the results.

export interface StressReport {
  readonly tool: 'vegeta' | 'node';
  readonly target: string;
  readonly requests: number;
  /** Requests sent per second during the attack. */
  readonly rate: number;
  /** Successful responses per second, waiting for the last ones included. */
  readonly throughput: number;
  /** Seconds: whole run, attack phase, wait for the last responses. */
  readonly durationSeconds: { readonly total: number; readonly attack: number; readonly wait: number };
  /** Milliseconds. */
  readonly latencyMs: {
    readonly min: number;
    readonly mean: number;
    readonly p50: number;
    readonly p90: number;
    readonly p95: number;
    readonly p99: number;
    readonly max: number;
  };
  readonly bytesIn: { readonly total: number; readonly mean: number };
  /** 0..1: share of responses with a 2xx/3xx code. */
  readonly success: number;
  /** Status code -> count ("0" = no response: timeout, connection error). */
  readonly statusCodes: Readonly<Record<string, number>>;
  readonly errors: readonly string[];
}

/** vegeta's JSON report (times in ns). */
export interface VegetaJsonReport {
  latencies: { mean: number; '50th': number; '90th': number; '95th': number; '99th': number; max: number; min: number };
  bytes_in: { total: number; mean: number };
  duration: number;
  wait: number;
  requests: number;
  rate: number;
  throughput: number;
  success: number;
  status_codes: Record<string, number> | null;
  errors: string[] | null;
}

const NS_PER_MS = 1e6;

export function fromVegetaReport(target: string, report: VegetaJsonReport): StressReport {
  const ms = (ns: number) => ns / NS_PER_MS;
  return {
    tool: 'vegeta',
    target,
    requests: report.requests,
    rate: report.rate,
    throughput: report.throughput,
    durationSeconds: {
      total: (report.duration + report.wait) / 1e9,
      attack: report.duration / 1e9,
      wait: report.wait / 1e9,
    },
    latencyMs: {
      min: ms(report.latencies.min),
      mean: ms(report.latencies.mean),
      p50: ms(report.latencies['50th']),
      p90: ms(report.latencies['90th']),
      p95: ms(report.latencies['95th']),
      p99: ms(report.latencies['99th']),
      max: ms(report.latencies.max),
    },
    bytesIn: { total: report.bytes_in.total, mean: report.bytes_in.mean },
    success: report.success,
    statusCodes: report.status_codes ?? {},
    errors: report.errors ?? [],
  };
}

/** The report as `vegeta report` prints it. */
export function formatStressReport(report: StressReport): string {
  const d = report.durationSeconds;
  const l = report.latencyMs;
  const codes = Object.entries(report.statusCodes)
    .map(([code, count]) => `${code}:${count}`)
    .join('  ');
  const lines = [
    `Target        ${report.target} (${report.tool})`,
    `Requests      [total, rate, throughput]         ${report.requests}, ${report.rate.toFixed(2)}, ${report.throughput.toFixed(2)}`,
    `Duration      [total, attack, wait]             ${formatSeconds(d.total)}, ${formatSeconds(d.attack)}, ${formatSeconds(d.wait)}`,
    `Latencies     [min, mean, 50, 90, 95, 99, max]  ${[l.min, l.mean, l.p50, l.p90, l.p95, l.p99, l.max].map(formatMs).join(', ')}`,
    `Bytes In      [total, mean]                     ${report.bytesIn.total}, ${report.bytesIn.mean.toFixed(2)}`,
    `Success       [ratio]                           ${(report.success * 100).toFixed(2)}%`,
    `Status Codes  [code:count]                      ${codes}`,
    'Error Set:',
    ...report.errors,
  ];
  return lines.join('\n') + '\n';
}

export function formatMs(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(3)}s`;
  if (ms >= 1) return `${ms.toFixed(3)}ms`;
  return `${(ms * 1000).toFixed(3)}µs`;
}

function formatSeconds(seconds: number): string {
  return formatMs(seconds * 1000);
}

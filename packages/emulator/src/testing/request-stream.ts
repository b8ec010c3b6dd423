// An open-loop stream of GETs at a fixed rate, one fresh connection per request
// (a refused connection is then seen as such, not hidden in a pool), and what
// each one got. Used by the data-plane test and bench/emulator/control-plane-crash.ts.
// The same loop runs inside a task container (plain node, no dependencies) to
// measure calls through Service Connect: see `inContainerStreamScript`.

/** What one request got: an HTTP status, or the error code of a failed connection. */
export interface Outcome {
  /** ms since the stream started, when the request was sent. */
  readonly sentAt: number;
  /** ms since the stream started, when it ended. */
  readonly endedAt: number;
  readonly status?: number;
  readonly error?: string;
}

export interface StreamSummary {
  readonly requests: number;
  readonly ok: number;
  /** ECONNREFUSED: nothing listened on the port. */
  readonly refused: number;
  /** ECONNRESET / socket hang up: a connection was cut mid-request. */
  readonly reset: number;
  readonly status5xx: number;
  /** Every other failure (timeouts, 4xx). */
  readonly other: number;
  /** Longest time between two successful answers (ms): the outage as a client saw it. */
  readonly maxGapMs: number;
  readonly statuses: Readonly<Record<string, number>>;
}

/** Pure: the counts and the longest gap between successes. */
export function summarize(outcomes: readonly Outcome[]): StreamSummary {
  const statuses: Record<string, number> = {};
  let ok = 0;
  let refused = 0;
  let reset = 0;
  let status5xx = 0;
  let other = 0;
  const successes: number[] = [];
  for (const o of outcomes) {
    const key = o.status !== undefined ? String(o.status) : (o.error ?? 'error');
    statuses[key] = (statuses[key] ?? 0) + 1;
    if (o.status !== undefined && o.status >= 200 && o.status < 400) {
      ok += 1;
      successes.push(o.endedAt);
    } else if (o.status !== undefined && o.status >= 500) status5xx += 1;
    else if (o.error === 'ECONNREFUSED') refused += 1;
    else if (o.error === 'ECONNRESET' || o.error === 'EPIPE') reset += 1;
    else other += 1;
  }
  successes.sort((a, b) => a - b);
  let maxGapMs = 0;
  for (let i = 1; i < successes.length; i++) maxGapMs = Math.max(maxGapMs, successes[i]! - successes[i - 1]!);
  return { requests: outcomes.length, ok, refused, reset, status5xx, other, maxGapMs: Math.round(maxGapMs), statuses };
}

/**
 * The loop itself, as source text, so it runs both here and with `node -e` in a
 * task container. It prints the outcomes as one JSON line when done.
 */
export function streamScript(options: { url: string; ratePerSecond: number; durationMs: number; timeoutMs?: number }): string {
  return `
const http = require('node:http');
const url = new URL(${JSON.stringify(options.url)});
const interval = 1000 / ${options.ratePerSecond};
const started = Date.now();
const outcomes = [];
let pending = 0;
let sent = 0;
const now = () => Date.now() - started;
function one() {
  const sentAt = now();
  pending++;
  let done = false;
  const end = (o) => { if (done) return; done = true; pending--; outcomes.push({ sentAt, endedAt: now(), ...o }); };
  const req = http.get({ host: url.hostname, port: url.port, path: url.pathname, agent: false, timeout: ${options.timeoutMs ?? 5000} }, (res) => {
    res.resume();
    res.on('end', () => end({ status: res.statusCode }));
    res.on('error', (e) => end({ error: e.code || 'ECONNRESET' }));
  });
  req.on('timeout', () => { req.destroy(); end({ error: 'TIMEOUT' }); });
  req.on('error', (e) => end({ error: e.code || (/hang up/.test(e.message) ? 'ECONNRESET' : 'ERROR') }));
}
const timer = setInterval(() => {
  // Open loop: the requests due by now are sent, whatever the earlier ones are doing.
  while (sent * interval <= now() && sent * interval < ${options.durationMs}) { sent++; one(); }
  if (sent * interval >= ${options.durationMs}) {
    clearInterval(timer);
    const wait = setInterval(() => { if (pending === 0) { clearInterval(wait); process.stdout.write(JSON.stringify(outcomes) + '\\n'); } }, 20);
  }
}, 5);
`;
}

/** Runs the stream in this process (a child node, so the caller's event loop cannot skew it). */
export async function runStream(options: { url: string; ratePerSecond: number; durationMs: number }): Promise<Outcome[]> {
  const { execFile } = await import('node:child_process');
  return new Promise((resolve, reject) =>
    execFile(process.execPath, ['-e', streamScript(options)], { maxBuffer: 64 * 1024 * 1024, env: { PATH: process.env.PATH ?? '' } }, (error, stdout) =>
      error ? reject(error) : resolve(JSON.parse(stdout) as Outcome[]),
    ),
  );
}

/** The same stream from inside a container (`docker exec <id> node -e ...`): calls through Service Connect names. */
export async function runStreamInContainer(containerId: string, options: { url: string; ratePerSecond: number; durationMs: number }): Promise<Outcome[]> {
  const { execFile } = await import('node:child_process');
  return new Promise((resolve, reject) =>
    execFile('docker', ['exec', containerId, 'node', '-e', streamScript(options)], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout) =>
      error ? reject(error) : resolve(JSON.parse(stdout) as Outcome[]),
    ),
  );
}

import http from 'node:http';
import https from 'node:https';
import { performance } from 'node:perf_hooks';
import { LiveStats, type AttackOptions, type AttackResult } from './live-stats.js';
import { dueAtMs, dueRequests, plannedRequests } from './pacer.js';
import type { StressReport } from './stress-report.js';

// The load client used when vegeta is not installed. Open loop, like vegeta:
// request k leaves at k/rate seconds whether or not earlier ones have been
// answered, each on a free keep-alive connection or a new one. Against a slow
// target the latency grows and the rate holds. A closed-loop tool (autocannon,
// which this replaced) waits for a response before its connection sends again,
// so it sent 3.6 req/s when asked for 20 and reported that as the rate.

export interface OpenLoopOptions extends AttackOptions {
  /** Told when the client could not send at the asked rate, and why. */
  readonly onNotice?: (message: string) => void;
}

/** A run whose rate fell this far below the asked one is reported as not held. */
const HELD_RATE_RATIO = 0.9;

export async function openLoopAttack(options: OpenLoopOptions): Promise<StressReport> {
  const target = new URL(options.target);
  const client = target.protocol === 'https:' ? https : http;
  // vegeta's defaults: keep-alive, no cap on connections.
  const agent = new client.Agent({ keepAlive: true, maxSockets: Infinity });
  const total = plannedRequests(options.rate, options.durationSeconds);
  const own = new LiveStats(Date.now());
  const inFlight = new Set<Promise<void>>();
  const aborts = new Set<() => void>();
  const sentAt: number[] = [];
  let lastAnswerAt = 0;
  let maxLagMs = 0;
  let stopped = options.signal?.aborted ?? false;
  const stop = () => {
    stopped = true;
    for (const abort of aborts) abort();
  };
  options.signal?.addEventListener('abort', stop, { once: true });

  const record = (result: AttackResult) => {
    lastAnswerAt = performance.now();
    own.add(result);
    options.onResult(result);
  };
  const fire = () => {
    const sent = performance.now();
    sentAt.push(sent);
    const pending = sendOne(client, agent, target, options.timeoutSeconds * 1000, aborts).then(
      (answer) => {
        if (answer) record({ at: Date.now(), latencyMs: performance.now() - sent, ...answer });
      },
    );
    inFlight.add(pending);
    void pending.finally(() => inFlight.delete(pending));
  };

  const started = performance.now();
  try {
    let sent = 0;
    while (sent < total && !stopped) {
      const elapsed = performance.now() - started;
      const due = dueRequests(elapsed, options.rate, total);
      if (due > sent) maxLagMs = Math.max(maxLagMs, elapsed - dueAtMs(sent, options.rate));
      for (; sent < due; sent++) fire();
      if (sent < total) await sleep(started + dueAtMs(sent, options.rate) - performance.now());
    }
    while (inFlight.size > 0) await Promise.race(inFlight);
  } finally {
    options.signal?.removeEventListener('abort', stop);
    agent.destroy();
  }

  const report = toReport(options, own, sentAt, lastAnswerAt);
  if (!stopped && report.requests > 1 && report.rate < options.rate * HELD_RATE_RATIO) {
    options.onNotice?.(
      `could not hold the asked rate: sent ${report.rate.toFixed(2)}/s, not ${options.rate}/s, because this process ran late ` +
        `(a send went out up to ${Math.round(maxLagMs)} ms after its time: the host is busy; vegeta holds the rate better)`,
    );
  }
  return report;
}

type Answer = Omit<AttackResult, 'at' | 'latencyMs'>;

/** One GET: its status and body size, or code 0 and vegeta-style error text; undefined when the run was stopped. */
function sendOne(
  client: typeof http | typeof https,
  agent: http.Agent,
  target: URL,
  timeoutMs: number,
  aborts: Set<() => void>,
): Promise<Answer | undefined> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (answer: Answer | undefined) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      aborts.delete(abort);
      resolve(answer);
    };
    const failed = (reason: string): Answer => ({ code: 0, bytesIn: 0, error: `Get "${target.href}": ${reason}` });
    const request = client.get(target, { agent }, (response) => {
      let bytesIn = 0;
      response.on('data', (chunk: Buffer) => (bytesIn += chunk.length));
      response.on('end', () => finish({ code: response.statusCode ?? 0, bytesIn }));
      response.on('error', (error) => finish(failed(error.message)));
    });
    request.on('error', (error) => finish(failed(error.message)));
    const timer = setTimeout(() => {
      finish(failed(`timeout after ${timeoutMs / 1000}s (Client.Timeout exceeded)`));
      request.destroy();
    }, timeoutMs);
    const abort = () => {
      finish(undefined);
      request.destroy();
    };
    aborts.add(abort);
  });
}

/** vegeta's report: rate over the span between the first and the last send, wait for the last answer after it. */
function toReport(options: AttackOptions, own: LiveStats, sentAt: readonly number[], lastAnswerAt: number): StressReport {
  const first = sentAt[0] ?? 0;
  const last = sentAt.at(-1) ?? 0;
  const attack = (last - first) / 1000;
  const wait = Math.max(0, lastAnswerAt - last) / 1000;
  const ok = Math.round(own.successRatio * own.completed);
  return {
    tool: 'node',
    target: options.target,
    requests: own.completed,
    rate: attack > 0 ? sentAt.length / attack : sentAt.length,
    throughput: attack + wait > 0 ? ok / (attack + wait) : ok,
    durationSeconds: { total: attack + wait, attack, wait },
    latencyMs: {
      min: own.minLatencyMs(),
      mean: own.meanLatencyMs(),
      p50: own.percentile(50),
      p90: own.percentile(90),
      p95: own.percentile(95),
      p99: own.percentile(99),
      max: own.maxLatencyMs(),
    },
    bytesIn: { total: own.bytesIn, mean: own.completed ? own.bytesIn / own.completed : 0 },
    success: own.successRatio,
    statusCodes: { ...own.statusCodes },
    errors: [...own.errors],
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

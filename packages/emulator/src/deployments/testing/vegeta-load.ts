// Constant-rate load through a listener with the real vegeta, results streamed
// (`vegeta attack | vegeta encode --to json`), so a test can look at every
// response: status, body, and when it was sent.
import { spawn } from 'node:child_process';
import { findVegeta } from '../../stress/find-vegeta.js';

export interface VegetaResult {
  /** Epoch ms the request was sent. */
  readonly at: number;
  readonly code: number;
  readonly body: string;
  readonly error: string;
  readonly latencyMs: number;
}

export interface RunningLoad {
  readonly results: readonly VegetaResult[];
  /** Stops the attack (SIGINT: vegeta finishes in-flight requests) and returns every result. */
  stop(): Promise<VegetaResult[]>;
}

export function startLoad(options: { url: string; ratePerSecond: number; timeoutSeconds?: number; maxDurationSeconds?: number }): RunningLoad {
  const vegeta = findVegeta();
  if (!vegeta) throw new Error('vegeta not found: go install github.com/tsenart/vegeta/v12@latest');
  const attack = spawn(
    vegeta,
    ['attack', `-rate=${options.ratePerSecond}/s`, `-duration=${options.maxDurationSeconds ?? 600}s`, `-timeout=${options.timeoutSeconds ?? 10}s`, '-keepalive=true'],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  attack.stdin.end(`GET ${options.url}\n`);
  const encode = spawn(vegeta, ['encode', '--to', 'json'], { stdio: ['pipe', 'pipe', 'inherit'] });
  attack.stdout.pipe(encode.stdin);
  const results: VegetaResult[] = [];
  let partial = '';
  encode.stdout.on('data', (d: Buffer) => {
    partial += d.toString();
    const lines = partial.split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.trim()) continue;
      const r = JSON.parse(line) as { timestamp: string; code: number; body: string; error: string; latency: number };
      results.push({
        at: Date.parse(r.timestamp),
        code: r.code,
        body: Buffer.from(r.body ?? '', 'base64').toString(),
        error: r.error,
        latencyMs: r.latency / 1e6,
      });
    }
  });
  const finished = new Promise<void>((resolve) => encode.on('close', () => resolve()));
  return {
    results,
    async stop() {
      attack.kill('SIGINT');
      await finished;
      return results;
    },
  };
}

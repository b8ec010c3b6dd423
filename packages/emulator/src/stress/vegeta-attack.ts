import { execFile, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { NdjsonLines } from '../metrics/index.js';
import type { AttackOptions, AttackResult } from './live-stats.js';
import { fromVegetaReport, type StressReport, type VegetaJsonReport } from './stress-report.js';

const run = promisify(execFile);

export interface VegetaAttackOptions extends AttackOptions {
  /** The vegeta binary. */
  readonly bin: string;
}

/**
 * `vegeta attack | tee results.bin | vegeta encode` for the live figures, then
 * `vegeta report -type=json results.bin` for the final report: vegeta's own
 * numbers, exactly as the tutorial's command would print them.
 */
export async function vegetaAttack(options: VegetaAttackOptions): Promise<StressReport> {
  const dir = await mkdtemp(join(tmpdir(), 'ecs-twin-stress-'));
  const resultsFile = join(dir, 'results.bin');
  try {
    const attack = spawn(
      options.bin,
      ['attack', `-rate=${options.rate}/1s`, `-duration=${options.durationSeconds}s`, `-timeout=${options.timeoutSeconds}s`],
      { stdio: ['pipe', 'pipe', 'pipe'] },
    );
    const encode = spawn(options.bin, ['encode', '-to', 'json'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const stopAttack = () => attack.kill('SIGINT'); // vegeta stops and flushes its results on SIGINT
    options.signal?.addEventListener('abort', stopAttack, { once: true });

    attack.stdin.end(`GET ${options.target}\n`);
    const file = createWriteStream(resultsFile);
    attack.stdout.pipe(file);
    attack.stdout.pipe(encode.stdin);
    const lines = new NdjsonLines();
    encode.stdout.on('data', (chunk: Buffer) => {
      for (const line of lines.push(chunk)) {
        const result = parseResult(line);
        if (result) options.onResult(result);
      }
    });
    const attackErr = collect(attack.stderr);
    const [attackCode] = await Promise.all([exitCode(attack), exitCode(encode), new Promise<void>((resolve) => file.on('close', () => resolve()))]);
    options.signal?.removeEventListener('abort', stopAttack);
    if (attackCode !== 0 && !options.signal?.aborted) {
      throw new Error(`vegeta attack exited with ${attackCode}: ${(await attackErr).trim()}`);
    }
    const { stdout } = await run(options.bin, ['report', '-type=json', resultsFile], { maxBuffer: 16 * 1024 * 1024 });
    return fromVegetaReport(options.target, JSON.parse(stdout) as VegetaJsonReport);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

interface VegetaJsonResult {
  code: number;
  timestamp: string;
  latency: number;
  bytes_in: number;
  error: string;
}

function parseResult(line: string): AttackResult | undefined {
  try {
    const r = JSON.parse(line) as VegetaJsonResult;
    const latencyMs = r.latency / 1e6;
    // vegeta's timestamp is when the request was sent; the live rate counts arrivals.
    const at = Date.parse(r.timestamp) + latencyMs;
    return { at, code: r.code, latencyMs, bytesIn: r.bytes_in, ...(r.error ? { error: r.error } : {}) };
  } catch {
    return undefined;
  }
}

function exitCode(child: ReturnType<typeof spawn>): Promise<number | null> {
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code));
  });
}

async function collect(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += chunk.toString();
  return text;
}

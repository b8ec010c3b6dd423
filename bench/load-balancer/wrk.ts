// Runs wrk (Debian's /usr/bin/wrk) and reads its summary: throughput, p50,
// p99 and anything that was not a clean 2xx/3xx.
import { spawn } from 'node:child_process';
import { cpuSeconds } from './proc-stats.js';

export interface LoadSettings {
  readonly threads: number;
  readonly connections: number;
  readonly durationSeconds: number;
}

export interface WrkResult {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly requests: number;
  /** Non-2xx/3xx responses plus socket errors. */
  readonly errors: number;
  /** CPU seconds wrk itself used (sampled every 100 ms until it exits). */
  readonly loadGeneratorCpuSeconds?: number;
}

export function wrkArgs(url: string, load: LoadSettings): string[] {
  return [`-t${load.threads}`, `-c${load.connections}`, `-d${load.durationSeconds}s`, '--latency', url];
}

export function runWrk(url: string, load: LoadSettings): Promise<WrkResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', wrkArgs(url, load), { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let cpu = 0;
    const sampler = setInterval(() => {
      try {
        cpu = cpuSeconds(child.pid!);
      } catch {
        // Exited between two samples.
      }
    }, 100);
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', (error) => reject(new Error(`run wrk: ${error.message} (install it: apt-get install wrk)`)));
    child.on('close', (code) => {
      clearInterval(sampler);
      if (code !== 0) return reject(new Error(`run wrk: exit ${code}\n${out}`));
      try {
        resolve({ ...parseWrk(out), loadGeneratorCpuSeconds: cpu });
      } catch (error) {
        reject(error);
      }
    });
  });
}

const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000 };

function durationMs(text: string): number {
  const match = /^([\d.]+)(us|ms|s|m)$/.exec(text);
  if (!match) throw new Error(`parse wrk output: bad duration ${JSON.stringify(text)}`);
  return Number(match[1]) * UNIT_MS[match[2]!]!;
}

/** Reads wrk's text summary (with --latency). */
export function parseWrk(out: string): WrkResult {
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(out);
  const p50 = /^\s+50%\s+(\S+)/m.exec(out);
  const p99 = /^\s+99%\s+(\S+)/m.exec(out);
  const total = /(\d+) requests in/.exec(out);
  if (!rps || !p50 || !p99 || !total) throw new Error(`parse wrk output: summary not found\n${out}`);
  const non2xx = /Non-2xx or 3xx responses:\s+(\d+)/.exec(out);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const socketErrors = socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0;
  return {
    requestsPerSecond: Number(rps[1]),
    p50Ms: durationMs(p50[1]!),
    p99Ms: durationMs(p99[1]!),
    requests: Number(total[1]),
    errors: (non2xx ? Number(non2xx[1]) : 0) + socketErrors,
  };
}

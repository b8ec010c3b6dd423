// The tutorial's stack.yaml under another stack name, in a temp dir (build
// contexts made absolute), so a benchmark never touches a developer's stack.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
const EMULATE = join(REPO, 'packages/emulator/bin/emulate.mjs');

export async function benchManifest(name: string, ports: readonly [number, number] = [8000, 8001]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `ecs-twin-${name}-`));
  const text = (await readFile(join(REPO, 'stack.yaml'), 'utf8'))
    .replace(/^stack: .*$/m, `stack: ${name}`)
    .replaceAll('8000', String(ports[0]))
    .replaceAll('8001', String(ports[1]))
    .replaceAll('context: packages/', `context: ${REPO}packages/`);
  const file = join(dir, 'stack.yaml');
  await writeFile(file, text);
  return file;
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

export function run(command: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(command, [...args], { cwd: options.cwd ?? REPO, env: options.env ?? process.env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr, ms: performance.now() - started }),
    );
  });
}

/** `emulate <args>` as `pnpm emulate` runs it (the bundled command line). */
export function emulate(args: readonly string[]): Promise<Run> {
  return run(process.execPath, [EMULATE, ...args]);
}

export async function answers200(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
}

export async function portFree(port: number): Promise<boolean> {
  try {
    await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(500) });
    return false;
  } catch (error) {
    return /ECONNREFUSED/.test(String((error as { cause?: unknown }).cause ?? error));
  }
}

export const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Helpers shared by the emulator's integration tests (real engine).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { LABEL } from '../labels/index.js';
import { startStack, type StartedStack, type StartStackOptions } from './start-stack.js';

const run = promisify(execFile);

/** `docker <args>` through the engine's own client; stdout trimmed. */
export async function docker(...args: string[]): Promise<string> {
  const { stdout } = await run('docker', args);
  return stdout.trim();
}

/** Ids of containers / networks carrying `label=value` (all states). */
export async function labelled(kind: 'containers' | 'networks', label: string): Promise<string[]> {
  const out = kind === 'containers' ? await docker('ps', '-aq', '--filter', `label=${label}`) : await docker('network', 'ls', '-q', '--filter', `label=${label}`);
  return out.split('\n').filter(Boolean);
}

export async function get(url: string, timeoutMs = 5000): Promise<{ status: number; body: string }> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    return { status: res.status, body: await res.text() };
  } catch (error) {
    return { status: 0, body: String(error) };
  }
}

export async function waitFor(what: string, cond: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

export const TUTORIAL = {
  products: '[{"id":1,"name":"Laptop","price":1000},{"id":2,"name":"Mouse","price":20},{"id":3,"name":"Keyboard","price":50}]',
  users: '[{"id":1,"name":"John Doe","email":"jhon@gmail.com"},{"id":2,"name":"Jane Doe","email":"jane@gmail.com"}]',
} as const;

/**
 * One stack for the whole suite: started before its tests (a boot takes minutes
 * on a loaded host), taken down after them, with nothing of it left behind.
 */
export function stackForSuite(options: StartStackOptions & { stackName: string }): () => StartedStack {
  let stack: StartedStack | undefined;
  beforeAll(async () => {
    stack = await startStack(options);
  }, 300_000);
  afterAll(async () => {
    await stack?.down();
    expect(await labelled('containers', `${LABEL.stack}=${options.stackName}`)).toEqual([]);
    expect(await labelled('networks', `${LABEL.stack}=${options.stackName}`)).toEqual([]);
  }, 120_000);
  return () => {
    if (!stack) throw new Error(`stack ${options.stackName} did not start`);
    return stack;
  };
}

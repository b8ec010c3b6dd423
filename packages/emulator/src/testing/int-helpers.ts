// Helpers shared by the emulator's integration tests (real engine).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

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

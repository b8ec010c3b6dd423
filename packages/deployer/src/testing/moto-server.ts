// Starts a real moto server on 127.0.0.1 (a free port) for integration tests,
// and stops it after. Binary: $MOTO_SERVER_BIN, else CI's venv, else a local one.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

export const MOTO_CANDIDATES = ['/opt/ecs-twin-moto/bin/moto_server', '/opt/moto-venv/bin/moto_server'];

export function motoBinary(): string {
  const fromEnv = process.env['MOTO_SERVER_BIN'];
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  const found = MOTO_CANDIDATES.find((p) => existsSync(p));
  if (!found) throw new Error(`moto_server not found: set MOTO_SERVER_BIN or install it (tried ${[fromEnv, ...MOTO_CANDIDATES].filter(Boolean).join(', ')})`);
  return found;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

export interface MotoServer {
  readonly endpoint: string;
  /** Forgets every resource (POST /moto-api/reset). */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

export async function startMoto(env: Record<string, string> = {}): Promise<MotoServer> {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(motoBinary(), ['-H', '127.0.0.1', '-p', String(port)], {
    // Managed policies (AmazonECSTaskExecutionRolePolicy...) must exist to be attached.
    env: { ...process.env, MOTO_IAM_LOAD_MANAGED_POLICIES: 'true', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => { stderr = (stderr + d.toString()).slice(-4000); });
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`moto_server exited (${child.exitCode}): ${stderr}`);
    try {
      const res = await fetch(`${endpoint}/moto-api/data.json`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`moto_server did not answer on ${endpoint} within 30s: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    endpoint,
    reset: async () => { await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' }); },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}

/** Dummy credentials: moto accepts any. */
export const MOTO_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

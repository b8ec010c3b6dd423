// The targets every side of the benchmark talks to: N task containers of the
// users service image, each publishing port 3000 on 127.0.0.1 (a random host
// port), or, when the image is absent, the same service run with node on the host.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { get } from 'node:http';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

export const BENCH_STACK = 'bench-load-balancer';
// Not labelled ecs-twin.test=true: the integration tier's teardown sweeps test
// objects, and would remove these containers from under a benchmark running alongside.
const LABELS = [`ecs-twin.stack=${BENCH_STACK}`, 'ecs-twin.role=bench-target'];

export interface BenchTasks {
  /** How the tasks run, for the report. */
  readonly kind: string;
  readonly ports: number[];
  /** Processes that serve the tasks (the services, and docker-proxy for published ports): their CPU is part of every side's cost. */
  readonly pids: number[];
  stop(): Promise<void>;
}

export interface TaskOptions {
  readonly count: number;
  readonly image: string;
  /** Docker --cpus per task (Fargate's 256 units = 0.25); undefined = no limit. */
  readonly cpus?: number;
  readonly repoRoot: string;
}

async function docker(args: string[]): Promise<string> {
  const { stdout } = await exec('docker', args, { maxBuffer: 16 * 1024 * 1024 });
  return stdout.trim();
}

async function imageExists(image: string): Promise<boolean> {
  try {
    await docker(['image', 'inspect', '--format', '{{.Id}}', image]);
    return true;
  } catch {
    return false;
  }
}

/** Removes containers a previous, interrupted run of this benchmark left (ours only, by label). */
export async function removeLeftovers(): Promise<void> {
  const ids = await docker(['ps', '-aq', '--filter', `label=ecs-twin.stack=${BENCH_STACK}`]).catch(() => '');
  if (ids) await docker(['rm', '-f', ...ids.split('\n')]);
}

export async function startTasks(options: TaskOptions): Promise<BenchTasks> {
  if (await imageExists(options.image)) return startContainers(options);
  return startHostProcesses(options);
}

async function startContainers(options: TaskOptions): Promise<BenchTasks> {
  const ids: string[] = [];
  const stop = async () => {
    if (ids.length) await docker(['rm', '-f', ...ids]).catch(() => {});
  };
  try {
    for (let i = 0; i < options.count; i++) {
      const args = ['run', '-d', ...LABELS.flatMap((label) => ['--label', label]), '-p', '127.0.0.1::3000', '--memory', '512m'];
      if (options.cpus !== undefined) args.push('--cpus', String(options.cpus));
      args.push('-e', 'API_VERSION=v0.0.1', '-e', 'SERVICE_PRODUCTS=http://products:3000', options.image);
      ids.push(await docker(args));
    }
    const ports = await Promise.all(ids.map(async (id) => Number((await docker(['port', id, '3000/tcp'])).split('\n')[0]!.split(':').pop())));
    await Promise.all(ports.map((port) => waitHealthy(port)));
    const limit = options.cpus === undefined ? 'no CPU limit' : `--cpus ${options.cpus}`;
    const servicePids = await Promise.all(ids.map(async (id) => Number(await docker(['inspect', '-f', '{{.State.Pid}}', id]))));
    const pids = [...servicePids, ...dockerProxyPids(ports)];
    return { kind: `${options.count} containers of ${options.image} (${limit}, ports published on 127.0.0.1 via docker-proxy)`, ports, pids, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function startHostProcesses(options: TaskOptions): Promise<BenchTasks> {
  const main = join(options.repoRoot, 'packages/services/users/dist/main.js');
  if (!existsSync(main)) {
    throw new Error(`start tasks: image ${options.image} is absent and ${main} is not built (run \`pnpm images\` or build the users service)`);
  }
  const children: ChildProcess[] = [];
  const ports: number[] = [];
  const stop = async () => {
    await Promise.all(children.map((child) => new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    })));
  };
  try {
    for (let i = 0; i < options.count; i++) {
      const port = await freePort();
      ports.push(port);
      children.push(spawn(process.execPath, [main], {
        cwd: join(options.repoRoot, 'packages/services/users'),
        env: { ...process.env, PORT: String(port), API_VERSION: 'v0.0.1', SERVICE_PRODUCTS: 'http://127.0.0.1:1', NODE_ENV: 'production' },
        stdio: ['ignore', 'ignore', 'inherit'],
      }));
    }
    await Promise.all(ports.map((port) => waitHealthy(port)));
    const pids = children.map((child) => child.pid!).filter(Boolean);
    return { kind: `${options.count} users services run with node on the host (image ${options.image} absent; no container, no docker-proxy)`, ports, pids, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Polls GET /health until it answers 200 (30 s at most). */
export async function waitHealthy(port: number, path = '/health', timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if ((await statusOf(port, path)) === 200) return;
    if (Date.now() > deadline) throw new Error(`wait for 127.0.0.1:${port}${path}: no 200 within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * GET status code, or 0 when there is no answer within 2 s. (node:http rather
 * than fetch: on Node 20, fetch against a docker-proxy port whose container is
 * not listening yet was seen to hang with no live handle, and the process exited.)
 */
function statusOf(port: number, path: string): Promise<number> {
  return new Promise((resolveStatus) => {
    const req = get({ host: '127.0.0.1', port, path, agent: false, timeout: 2_000 }, (res) => {
      res.resume();
      res.once('end', () => resolveStatus(res.statusCode ?? 0));
      res.once('error', () => resolveStatus(0));
    });
    req.once('timeout', () => req.destroy());
    req.once('error', () => resolveStatus(0));
  });
}

/** The docker-proxy processes that publish these host ports (none when the engine runs without the userland proxy). */
function dockerProxyPids(ports: readonly number[]): number[] {
  const wanted = new Set(ports.map(String));
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (!args[0]?.endsWith('docker-proxy')) continue;
      const port = args[args.indexOf('-host-port') + 1];
      if (port && wanted.has(port)) pids.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}

// Benchmark 1 (and the load balancer's share of 3) of issue 3: the emulated ALB
// against nginx from Debian, and against calling a task directly, with the same
// load tool and settings in one run; then the ALB process' idle cost.
//
//   pnpm exec tsx bench/load-balancer/run.ts [--tasks 2] [--threads 2] [--connections 50]
//     [--duration 15] [--rounds 3] [--path /users] [--task-cpus 0.25] [--nginx-workers 1|auto]
//     [--image service-users:v0.0.1] [--idle 10] [--no-variants]
//
// Besides direct, nginx and our ALB it measures two other Node designs doing the
// same job (a node:http keep-alive pipe, http-proxy 1.18): the evidence behind
// the listener's design. --no-variants skips them.
//
// All traffic goes to 127.0.0.1. Everything started here is stopped at the end.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startNginx, type RunningNginx } from './nginx.js';
import { cpuSeconds, hostCpuTicks, processTree, rssMiB, treeCpuSeconds } from './proc-stats.js';
import { freePort, removeLeftovers, startTasks, type BenchTasks } from './tasks.js';
import { runWrk, wrkArgs, type LoadSettings, type WrkResult } from './wrk.js';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../..');

const { values: flags } = parseArgs({
  options: {
    tasks: { type: 'string', default: '2' },
    threads: { type: 'string', default: '2' },
    connections: { type: 'string', default: '50' },
    duration: { type: 'string', default: '15' },
    rounds: { type: 'string', default: '3' },
    path: { type: 'string', default: '/users' },
    'task-cpus': { type: 'string' },
    'nginx-workers': { type: 'string', default: '1' },
    image: { type: 'string', default: 'service-users:v0.0.1' },
    idle: { type: 'string', default: '10' },
    'no-variants': { type: 'boolean', default: false },
  },
});

const load: LoadSettings = { threads: Number(flags.threads), connections: Number(flags.connections), durationSeconds: Number(flags.duration) };
const rounds = Number(flags.rounds);

interface Side {
  readonly name: string;
  readonly port: number;
  /** Processes whose CPU the side costs (none for the direct call). */
  readonly pids: () => number[];
}

interface Sample extends WrkResult {
  /** CPU microseconds the proxy used per request. */
  readonly proxyCpuUs?: number;
  /** CPU microseconds per request of everything on the path: wrk, proxy, docker-proxy, services. */
  readonly pathCpuUs: number;
  /** How busy the whole host was during the run (100 = every core). */
  readonly hostBusyPercent: number;
}

/** Starts a benchmark child (tsx, as `pnpm emulate` runs) and waits for its {"port"} line. */
async function startChild(script: string, taskPorts: number[]): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(here, script), JSON.stringify(taskPorts), String(await freePort())], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolvePort, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`start ${script}: no port within 60 s`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) {
        clearTimeout(timer);
        resolvePort((JSON.parse(line) as { port: number }).port);
      }
    });
    child.once('exit', (code) => reject(new Error(`start ${script}: exited with ${code}`)));
  }).catch(async (error: unknown) => {
    await stopChild(child); // leave no orphan behind
    throw error;
  });
  return { child, port };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    child.once('exit', () => done());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
  });
}

async function measure(side: Side, taskPids: readonly number[]): Promise<Sample> {
  const pids = side.pids();
  const proxyBefore = pids.length ? treeCpuSeconds(pids) : 0;
  const tasksBefore = treeCpuSeconds(taskPids);
  const hostBefore = hostCpuTicks();
  const result = await runWrk(`http://127.0.0.1:${side.port}${flags.path}`, load);
  const hostAfter = hostCpuTicks();
  const proxyCpu = pids.length ? treeCpuSeconds(pids) - proxyBefore : 0;
  const pathCpu = proxyCpu + (treeCpuSeconds(taskPids) - tasksBefore) + (result.loadGeneratorCpuSeconds ?? 0);
  const perRequestUs = (seconds: number) => (seconds / result.requests) * 1e6;
  return {
    ...result,
    hostBusyPercent: ((hostAfter.busy - hostBefore.busy) / (hostAfter.total - hostBefore.total)) * 100,
    pathCpuUs: perRequestUs(pathCpu),
    ...(pids.length ? { proxyCpuUs: perRequestUs(proxyCpu) } : {}),
  };
}

async function idleCost(pid: number, seconds: number): Promise<{ rss: number; cpuPercent: number }> {
  const before = cpuSeconds(pid);
  await new Promise((done) => setTimeout(done, seconds * 1000));
  return { rss: rssMiB(pid), cpuPercent: ((cpuSeconds(pid) - before) / seconds) * 100 };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const fmt = (n: number, digits = 1) => n.toFixed(digits);

async function main(): Promise<void> {
  const cleanups: (() => Promise<void>)[] = [];
  const cleanup = async () => {
    for (const step of cleanups.splice(0).reverse()) await step().catch(() => {});
  };
  process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));
  const dir = mkdtempSync(join(tmpdir(), 'ecs-twin-bench-lb-'));
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  try {
    await removeLeftovers();
    const tasks: BenchTasks = await startTasks({
      count: Number(flags.tasks),
      image: flags.image!,
      repoRoot,
      ...(flags['task-cpus'] ? { cpus: Number(flags['task-cpus']) } : {}),
    });
    cleanups.push(() => tasks.stop());
    const nginxPort = await freePort();
    const nginx: RunningNginx = await startNginx({ dir, listenPort: nginxPort, upstreamPorts: tasks.ports, workers: flags['nginx-workers']! });
    cleanups.push(() => nginx.stop());
    const alb = await startChild('alb-process.ts', tasks.ports);
    cleanups.push(() => stopChild(alb.child));
    const sides: Side[] = [
      { name: 'task directly (1 task)', port: tasks.ports[0]!, pids: () => [] },
      { name: `nginx (workers ${flags['nginx-workers']})`, port: nginxPort, pids: () => processTree(nginx.pid) },
      { name: 'ecs-twin ALB', port: alb.port, pids: () => [alb.child.pid!] },
    ];
    if (!flags['no-variants']) {
      for (const [script, name] of [['node-http-process.ts', 'node:http keep-alive pipe'], ['http-proxy-process.ts', 'http-proxy 1.18']] as const) {
        const variant = await startChild(script, tasks.ports);
        cleanups.push(() => stopChild(variant.child));
        sides.push({ name, port: variant.port, pids: () => [variant.child.pid!] });
      }
    }

    console.log(`targets: ${tasks.kind}`);
    console.log(`host: ${cpus().length} cores, load average ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);
    console.log(`load: wrk ${wrkArgs(`http://127.0.0.1:<port>${flags.path}`, load).join(' ')} — ${rounds} rounds, sides interleaved, medians reported`);

    const idleFresh = await idleCost(alb.child.pid!, Number(flags.idle));
    for (const side of sides) await runWrk(`http://127.0.0.1:${side.port}${flags.path}`, { ...load, durationSeconds: 3 }); // JIT warm-up
    const samples = new Map<string, Sample[]>(sides.map((side) => [side.name, []]));
    for (let round = 1; round <= rounds; round++) {
      for (const side of sides) {
        // Every side starts its round with warm connections (its keep-alive pools idled while others ran).
        await runWrk(`http://127.0.0.1:${side.port}${flags.path}`, { ...load, durationSeconds: 2 });
        const sample = await measure(side, tasks.pids);
        samples.get(side.name)!.push(sample);
        console.log(`  round ${round} ${side.name.padEnd(27)} ${fmt(sample.requestsPerSecond, 0).padStart(7)} req/s  p50 ${fmt(sample.p50Ms, 2)} ms  p99 ${fmt(sample.p99Ms, 2)} ms  errors ${sample.errors}  path CPU ${fmt(sample.pathCpuUs, 0)} µs/req  host ${fmt(sample.hostBusyPercent, 0)}% busy`);
      }
    }
    const idleAfter = await idleCost(alb.child.pid!, Number(flags.idle));

    const summary = sides.map((side) => {
      const list = samples.get(side.name)!;
      const cpu = list.map((s) => s.proxyCpuUs).filter((n): n is number => n !== undefined);
      return {
        name: side.name,
        rps: median(list.map((s) => s.requestsPerSecond)),
        p50: median(list.map((s) => s.p50Ms)),
        p99: median(list.map((s) => s.p99Ms)),
        errors: list.reduce((sum, s) => sum + s.errors, 0),
        proxyCpuUs: cpu.length ? median(cpu) : undefined,
        pathCpuUs: median(list.map((s) => s.pathCpuUs)),
      };
    });
    console.log('\n| side | req/s | p50 ms | p99 ms | errors | proxy CPU µs/req | whole path CPU µs/req |');
    console.log('|---|---:|---:|---:|---:|---:|---:|');
    for (const row of summary) {
      console.log(`| ${row.name} | ${fmt(row.rps, 0)} | ${fmt(row.p50, 2)} | ${fmt(row.p99, 2)} | ${row.errors} | ${row.proxyCpuUs === undefined ? '-' : fmt(row.proxyCpuUs, 0)} | ${fmt(row.pathCpuUs, 0)} |`);
    }
    const nginxRow = summary[1]!;
    const albRow = summary[2]!;
    const throughputRatio = albRow.rps / nginxRow.rps;
    const p99Ratio = albRow.p99 / nginxRow.p99;
    // Rounds run nginx then the ALB back to back, so each round's pair shares the host's
    // background load: the median of per-round ratios is the steadier number on a busy host.
    const nginxSamples = samples.get(nginxRow.name)!;
    const albSamples = samples.get(albRow.name)!;
    const pairedThroughput = median(albSamples.map((s, i) => s.requestsPerSecond / nginxSamples[i]!.requestsPerSecond));
    const pairedP99 = median(albSamples.map((s, i) => s.p99Ms / nginxSamples[i]!.p99Ms));
    const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
    console.log(`\nALB / nginx (medians): throughput ${fmt(throughputRatio, 2)}x (goal >= 0.90: ${verdict(throughputRatio >= 0.9)}), p99 ${fmt(p99Ratio, 2)}x (goal <= 1.20: ${verdict(p99Ratio <= 1.2)})`);
    console.log(`ALB / nginx (median of per-round ratios): throughput ${fmt(pairedThroughput, 2)}x, p99 ${fmt(pairedP99, 2)}x`);
    // When the benchmark alone saturates the host, throughput is cores / CPU per request of the
    // whole path: this ratio is what a quiet 2-core host would show, whatever the background load.
    console.log(`ALB / nginx CPU per request: proxy ${fmt(albRow.proxyCpuUs! / nginxRow.proxyCpuUs!, 2)}x, whole path ${fmt(albRow.pathCpuUs / nginxRow.pathCpuUs, 2)}x => CPU-bound throughput estimate ${fmt(nginxRow.pathCpuUs / albRow.pathCpuUs, 2)}x`);
    for (const variant of summary.slice(3)) {
      console.log(`ALB / ${variant.name}: throughput ${fmt(albRow.rps / variant.rps, 2)}x, p99 ${fmt(albRow.p99 / variant.p99, 2)}x, proxy CPU per request ${fmt(albRow.proxyCpuUs! / variant.proxyCpuUs!, 2)}x`);
    }
    console.log(`ALB process idle ${flags.idle} s (local timing: ${tasks.ports.length} health checks/s): fresh RSS ${fmt(idleFresh.rss)} MiB, CPU ${fmt(idleFresh.cpuPercent, 2)}%; after load RSS ${fmt(idleAfter.rss)} MiB, CPU ${fmt(idleAfter.cpuPercent, 2)}%`);
  } finally {
    await cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

// The data plane's outage when the control loops die (issue 10 #4): with the
// tutorial's stack up, two open-loop streams of GETs at --rate req/s each, one
// fresh connection per request: one through the users listener (the ALB), one
// from inside the products task to `http://users:3000/users` (Service Connect).
// After 1.5 s the background emulator (the pid in daemon.json) gets SIGKILL.
// When nothing restarts it by itself (no supervisor: the code before issue 10),
// `emulate up --detach` is run at once, as a user would. Per run: connections
// refused, cut, 5xx, the longest gap between two successful answers, and
// whether any task container changed. --runs rounds on the same stack.
//
//   pnpm exec tsx bench/emulator/control-plane-crash.ts [--runs 5] [--rate 40] [--ports 18000,18001]
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { runStream, runStreamInContainer, summarize, type StreamSummary } from '../../packages/emulator/src/testing/request-stream.js';
import { answers200, benchManifest, emulate, portFree, run, sleep } from './bench-stack.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    rate: { type: 'string', default: '40' },
    ports: { type: 'string', default: '18000,18001' },
    'seconds-after': { type: 'string', default: '6' },
  },
});
const RUNS = Number(values.runs);
const RATE = Number(values.rate);
const PORTS = values.ports.split(',').map(Number) as [number, number];
const NAME = 'bench-crash';
const KILL_AT_MS = 1500;
const DURATION_MS = KILL_AT_MS + Number(values['seconds-after']) * 1000;

interface DaemonFile {
  pid: number;
  supervisorPid?: number;
}

const alive = (pid: number | undefined) => {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function taskContainers(): Promise<string[]> {
  const out = await run('docker', ['ps', '--no-trunc', '--filter', `label=ecs-twin.stack=${NAME}`, '--filter', 'label=ecs-twin.role=task', '--format', '{{.ID}} {{.Label "ecs-twin.service"}}']);
  return out.stdout.trim().split('\n').filter(Boolean).sort();
}

async function waitListeners(timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await Promise.all(PORTS.map((p) => answers200(`http://127.0.0.1:${p}/health`)))).every(Boolean)) return;
    await sleep(100);
  }
  throw new Error('listeners did not answer');
}

async function main(): Promise<void> {
  for (const port of PORTS) if (!(await portFree(port))) throw new Error(`port ${port} is in use: stop what holds it first, or pass --ports`);
  const file = await benchManifest(NAME, PORTS);
  const infoFile = join(dirname(file), '.ecs-twin', NAME, 'daemon.json');
  const up = await emulate(['up', '--detach', '--file', file]);
  if (up.code !== 0) throw new Error(`emulate up failed: ${up.stderr}`);
  const results: { run: number; recovery: string; listener: StreamSummary; serviceConnect: StreamSummary; tasksChanged: boolean }[] = [];
  try {
    for (let i = 1; i <= RUNS; i++) {
      await waitListeners(60_000);
      await sleep(1000);
      const before = await taskContainers();
      const products = before.find((line) => line.endsWith('service-products-ecs'))!.split(' ')[0]!;
      const listener = runStream({ url: `http://127.0.0.1:${PORTS[0]}/users`, ratePerSecond: RATE, durationMs: DURATION_MS });
      const serviceConnect = runStreamInContainer(products, { url: 'http://users:3000/users', ratePerSecond: RATE, durationMs: DURATION_MS });
      await sleep(KILL_AT_MS);
      const info = JSON.parse(await readFile(infoFile, 'utf8')) as DaemonFile;
      process.kill(info.pid, 'SIGKILL');
      let recovery = 'by itself';
      await sleep(300);
      if (!alive(info.supervisorPid)) {
        recovery = 'up --detach by hand';
        const again = await emulate(['up', '--detach', '--file', file]);
        if (again.code !== 0) throw new Error(`up --detach after the kill failed: ${again.stderr}`);
      }
      const [l, sc] = await Promise.all([listener, serviceConnect]);
      const after = await taskContainers();
      const row = { run: i, recovery, listener: summarize(l), serviceConnect: summarize(sc), tasksChanged: after.join() !== before.join() };
      results.push(row);
      const fmt = (s: StreamSummary) => `${s.ok}/${s.requests} ok, refused ${s.refused}, cut ${s.reset}, 5xx ${s.status5xx}, other ${s.other}, max gap ${s.maxGapMs} ms`;
      process.stderr.write(`run ${i} (${recovery}): listener ${fmt(row.listener)} | service connect ${fmt(row.serviceConnect)} | tasks changed: ${row.tasksChanged}\n`);
    }
  } finally {
    await emulate(['down', '--file', file]);
  }
  const total = (pick: (r: (typeof results)[number]) => StreamSummary, key: 'refused' | 'reset' | 'status5xx' | 'other') =>
    results.reduce((n, r) => n + pick(r)[key], 0);
  const gaps = (pick: (r: (typeof results)[number]) => StreamSummary) => results.map((r) => pick(r).maxGapMs);
  console.log(
    JSON.stringify(
      {
        runs: RUNS,
        ratePerSecond: RATE,
        listener: { refused: total((r) => r.listener, 'refused'), cut: total((r) => r.listener, 'reset'), status5xx: total((r) => r.listener, 'status5xx'), other: total((r) => r.listener, 'other'), maxGapMs: gaps((r) => r.listener) },
        serviceConnect: { refused: total((r) => r.serviceConnect, 'refused'), cut: total((r) => r.serviceConnect, 'reset'), status5xx: total((r) => r.serviceConnect, 'status5xx'), other: total((r) => r.serviceConnect, 'other'), maxGapMs: gaps((r) => r.serviceConnect) },
        taskRestarts: results.filter((r) => r.tasksChanged).length,
        results,
      },
      null,
      2,
    ),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

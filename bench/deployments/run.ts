// Deployment duration against the sum of its parts, in one timing profile:
// a stack from stack.yaml (own name, free ports) served by the testing API,
// `emulate deploy users` run as users run it, and every phase read from the
// emulator's own events:
//   launch  deployment started -> new task RUNNING and registered in its target group
//   health  registered -> healthy (the target group's checks)
//   drain   old target draining -> deregistered (deregistration delay, or in-flight done)
//   stop    deregistered -> old task stopped (SIGTERM, exit; SIGKILL after stopTimeout)
// total is deployment started -> COMPLETED (ServicesStable). Failed requests of a
// vegeta load through the users listener during each round are counted too.
//
//   pnpm exec tsx bench/deployments/run.ts [--timing local|aws] [--rounds 3] [--rate 100] [--json]
import { rm } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { EmulatorEvent } from '../../packages/emulator/src/events/index.js';
import { emulate } from '../../packages/emulator/src/deployments/testing/emulate-cli.js';
import { summarize } from '../../packages/emulator/src/deployments/testing/load-summary.js';
import { writeTestManifest } from '../../packages/emulator/src/deployments/testing/test-manifest.js';
import { startLoad } from '../../packages/emulator/src/deployments/testing/vegeta-load.js';
import { startStack } from '../../packages/emulator/src/testing/index.js';

const { values } = parseArgs({
  options: {
    timing: { type: 'string', default: 'local' },
    rounds: { type: 'string', default: '3' },
    rate: { type: 'string', default: '100' },
    json: { type: 'boolean', default: false },
  },
});
const timing = values.timing === 'aws' ? 'aws' : 'local';
const rounds = Number(values.rounds);
const rate = Number(values.rate);
const USERS = 'service-users-ecs';

interface Round {
  readonly round: number;
  readonly taskDefinition: string;
  readonly launchMs: number;
  readonly healthMs: number;
  readonly drainMs: number;
  readonly stopMs: number;
  readonly sumMs: number;
  readonly totalMs: number;
  /** `emulate deploy` from spawn to exit (tsx start-up included). */
  readonly cliMs: number;
  readonly requests: number;
  readonly failed: number;
}

process.env.ECS_TWIN_TEST = 'true';
const manifest = await writeTestManifest({
  stackName: `bench-deploy-${process.pid}`,
  services: { users: { autoscaling: false }, products: { autoscaling: false } },
});
const events: EmulatorEvent[] = [];
const stack = await startStack({ file: manifest.file, ports: 'manifest', timing, readyTimeoutMs: 900_000, onEvent: (e) => events.push(e) });
const results: Round[] = [];
try {
  for (let round = 1; round <= rounds; round++) {
    const version = `bench-${round}`;
    const before = stack.status().tasks.find((t) => t.serviceName === USERS && t.lastStatus === 'RUNNING')!;
    const from = events.length;
    const load = rate > 0 ? startLoad({ url: `${manifest.url(8000)}/`, ratePerSecond: rate, maxDurationSeconds: 3600 }) : undefined;
    const cli = await emulate(['deploy', 'users', '--env', `API_VERSION=${version}`, '--file', manifest.file]);
    const load_ = load ? summarize(await load.stop()) : undefined;
    if (cli.code !== 0) throw new Error(`deploy failed (${cli.code}): ${cli.stderr.slice(-800)}`);
    const mine = events.slice(from).filter((e) => e.serviceName === USERS);
    const at = (what: string, pick: (e: EmulatorEvent) => boolean): number => {
      const found = mine.find(pick);
      if (!found) throw new Error(`round ${round}: no event for ${what}\n${mine.map((e) => e.message).join('\n')}`);
      return found.at;
    };
    const started = mine.find((e) => e.kind === 'deployment' && e.detail?.rolloutState === 'IN_PROGRESS')!;
    const deploymentId = started.detail!.deploymentId as string;
    const newTask = (mine.find((e) => e.kind === 'task-started')!.detail!.taskIds as string[])[0]!;
    const tStart = started.at;
    const tRegistered = at('new target registered', (e) => e.kind === 'target-registered' && e.taskId === newTask);
    const tHealthy = at('new target healthy', (e) => e.kind === 'target-health' && e.taskId === newTask && e.detail?.state === 'healthy');
    const tDraining = at('old target draining', (e) => e.kind === 'target-draining' && e.taskId === before.taskId);
    const tDeregistered = at('old target deregistered', (e) => e.kind === 'target-deregistered' && e.taskId === before.taskId);
    const tStopped = at('old task stopped', (e) => e.kind === 'task-stopped' && ((e.detail?.taskIds as string[] | undefined) ?? []).includes(before.taskId));
    const tCompleted = at('completed', (e) => e.kind === 'deployment' && e.detail?.deploymentId === deploymentId && e.detail?.rolloutState === 'COMPLETED');
    const parts = { launchMs: tRegistered - tStart, healthMs: tHealthy - tRegistered, drainMs: tDeregistered - tDraining, stopMs: tStopped - tDeregistered };
    results.push({
      round,
      taskDefinition: stack.status().services.find((s) => s.serviceName === USERS)!.taskDefinition,
      ...parts,
      sumMs: parts.launchMs + parts.healthMs + parts.drainMs + parts.stopMs,
      totalMs: Math.max(tCompleted, tStopped) - tStart,
      cliMs: cli.ms,
      requests: load_?.total ?? 0,
      failed: load_?.failures.length ?? 0,
    });
    process.stderr.write(`round ${round}: ${JSON.stringify(results.at(-1))}\n`);
  }
} finally {
  await stack.down();
  await rm(manifest.dir, { recursive: true, force: true });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const keys = ['launchMs', 'healthMs', 'drainMs', 'stopMs', 'sumMs', 'totalMs', 'cliMs'] as const;
const med = Object.fromEntries(keys.map((k) => [k, median(results.map((r) => r[k]))])) as Record<(typeof keys)[number], number>;
if (values.json) {
  console.log(JSON.stringify({ timing, rate, rounds: results, median: med }));
} else {
  const s = (ms: number) => (ms / 1000).toFixed(2).padStart(7);
  console.log(`timing ${timing}, load ${rate} req/s through the users listener, ${rounds} rolling deployments of 1 task (100/200)`);
  console.log(`${'round'.padEnd(7)}${['launch', 'health', 'drain', 'stop', 'sum', 'total', 'cli'].map((h) => h.padStart(8)).join('')}  failed/requests`);
  for (const r of results) console.log(`${String(r.round).padEnd(7)}${keys.map((k) => ` ${s(r[k])}`).join('')}  ${r.failed}/${r.requests}`);
  console.log(`${'median'.padEnd(7)}${keys.map((k) => ` ${s(med[k])}`).join('')}  (seconds)`);
  console.log(`total - sum of parts (scheduler steps, Service Connect withdraw, bookkeeping): ${((med.totalMs - med.sumMs) / 1000).toFixed(2)} s`);
}

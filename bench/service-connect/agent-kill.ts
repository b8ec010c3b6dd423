// Failed Service Connect calls when an agent is killed under load, one agent per
// discovery name (the code before pairs) against a pair. Each round: open-loop
// load through the real products image to users (products -> `users` agents ->
// users task), `docker kill` of the agent products' calls go through, then what
// the runtime does on its `die` event (ensureAgent after 200 ms). Also the memory
// each agent costs (`docker stats`: usage minus page cache, cgroup v1).
//
//   pnpm exec tsx bench/service-connect/agent-kill.ts [--rounds 5] [--rate 40] [--seconds 6] [--replicas 1,2] [--json]
//
// Traffic stays on the bench stack's own Docker network; everything created
// carries the bench stack's labels and is removed at the end.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { AgentKillRig, lostInFlight, type KillRound } from '../../packages/emulator/src/service-connect/testing/agent-kill-rig.js';
import { connectTestDocker, removeStackObjects } from '../../packages/emulator/src/service-connect/testing/node-containers.js';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    rate: { type: 'string', default: '40' },
    seconds: { type: 'string', default: '6' },
    replicas: { type: 'string', default: '1,2' },
    json: { type: 'boolean', default: false },
  },
});
const rounds = Number(values.rounds);
const rate = Number(values.rate);
const seconds = Number(values.seconds);
const replicaCounts = values.replicas.split(',').map(Number);

const docker = connectTestDocker();

interface ConfigResult {
  replicas: number;
  /** Failed calls per round. */
  failed: number[];
  /** Of those, calls that found no agent (everything but calls inside the killed agent at the kill). */
  noAgent: number[];
  /** Failure texts (products' 500 body) with their counts, over all rounds. */
  reasons: Record<string, number>;
  callsPerRound: number;
  /** Per agent, MiB (usage minus cache) after the rounds. */
  agentMemoryMiB: number[];
}

async function agentMemoryMiB(rig: AgentKillRig): Promise<number[]> {
  const running = (await rig.agents()).filter((a) => a.State === 'running');
  return Promise.all(
    running.map(async (a) => {
      const stats = (await docker.getContainer(a.Id).stats({ stream: false })) as unknown as { memory_stats: { usage: number; stats?: { cache?: number } } };
      return (stats.memory_stats.usage - (stats.memory_stats.stats?.cache ?? 0)) / 2 ** 20;
    }),
  );
}

/** "Get "http://users:3000/users": connect ECONNREFUSED 192.168.144.2:3000" -> "connect ECONNREFUSED". */
function reason(body: string): string {
  return body.replace(/^Get "[^"]*": /, '').replace(/\s[\d.]+:\d+$/, '');
}

async function runConfig(replicas: number): Promise<ConfigResult> {
  const rig = new AgentKillRig(docker, `bench-sc-kill-${randomBytes(3).toString('hex')}`, replicas);
  try {
    await rig.start();
    const results: KillRound[] = [];
    for (let i = 0; i < rounds; i++) {
      results.push(await rig.killUnderLoad(rate, seconds, 2_000));
      process.stderr.write(`replicas ${replicas} round ${i + 1}: ${results.at(-1)!.load.failures.length} failed\n`);
    }
    const reasons: Record<string, number> = {};
    for (const f of results.flatMap((r) => r.load.failures)) reasons[reason(f.body)] = (reasons[reason(f.body)] ?? 0) + 1;
    return {
      replicas,
      failed: results.map((r) => r.load.failures.length),
      noAgent: results.map((r) => r.load.failures.filter((f) => !lostInFlight(f)).length),
      reasons,
      callsPerRound: Math.round(rate * seconds),
      agentMemoryMiB: await agentMemoryMiB(rig),
    };
  } finally {
    await removeStackObjects(docker, rig.stack);
  }
}

const configs: ConfigResult[] = [];
for (const replicas of replicaCounts) configs.push(await runConfig(replicas));

if (values.json) {
  console.log(JSON.stringify({ rounds, rate, seconds, configs }, null, 2));
} else {
  console.log(`agent killed under ${rate}/s for ${seconds} s (${Math.round(rate * seconds)} calls a round), ${rounds} rounds`);
  for (const c of configs) {
    const total = c.failed.reduce((a, b) => a + b, 0);
    console.log(
      `${c.replicas} agent(s) per name: failed calls per round [${c.failed.join(', ')}], total ${total}, ` +
        `of which found no agent [${c.noAgent.join(', ')}]; agent memory ${c.agentMemoryMiB.map((m) => m.toFixed(1)).join(' + ')} MiB`,
    );
    for (const [text, count] of Object.entries(c.reasons)) console.log(`    ${count} x ${text}`);
  }
}

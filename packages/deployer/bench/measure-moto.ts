// API calls and wall time of apply from empty, a no-op apply, and destroy,
// against a real moto server on 127.0.0.1 (images not pushed, no wait: moto
// runs no task). Run: pnpm exec tsx packages/deployer/bench/measure-moto.ts [--runs 3] [--json]
import { loadStack } from '@ecs-twin/manifest';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { executeApply, executeDestroy, prepareApply, prepareDestroy, type DeployerOptions } from '../src/apply/index.js';
import { ApiCallRecorder, AwsClients, awsPorts } from '../src/aws/index.js';
import { MOTO_CREDENTIALS, startMoto } from '../src/testing/index.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, json: { type: 'boolean', default: false } } });
const runs = Number(values.runs);
const REGION = 'us-west-1';

interface Sample { phase: string; ms: number; calls: number; mutating: number; byCommand: Record<string, number> }

const moto = await startMoto();
const stack = await loadStack(resolve(process.cwd(), 'stack.yaml'));
const samples: Sample[] = [];
try {
  for (let run = 0; run < runs; run += 1) {
    await moto.reset();
    const recorder = new ApiCallRecorder();
    const clients = new AwsClients({ region: REGION, endpoint: moto.endpoint, credentials: MOTO_CREDENTIALS, recorder });
    const o: DeployerOptions = { ports: awsPorts(clients), region: REGION, skipPush: true, wait: false };
    const measure = async (phase: string, fn: () => Promise<unknown>) => {
      recorder.reset();
      const t0 = performance.now();
      await fn();
      samples.push({ phase, ms: performance.now() - t0, calls: recorder.calls.length, mutating: recorder.mutating.length, byCommand: recorder.counts((c) => c.mutating) });
    };
    await measure('apply from empty', async () => executeApply(await prepareApply(stack, o), o));
    await measure('no-op apply', async () => executeApply(await prepareApply(stack, o), o));
    await measure('destroy', async () => executeDestroy(await prepareDestroy(stack, o), o));
    clients.destroy();
  }
} finally {
  await moto.stop();
}

const phases = [...new Set(samples.map((s) => s.phase))];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const rows = phases.map((phase) => {
  const of = samples.filter((s) => s.phase === phase);
  return { phase, runs: of.length, medianMs: Math.round(median(of.map((s) => s.ms))), minMs: Math.round(Math.min(...of.map((s) => s.ms))), calls: of[0]!.calls, mutating: of[0]!.mutating, mutatingByCommand: of[0]!.byCommand };
});
if (values.json) {
  console.log(JSON.stringify({ moto: moto.endpoint, node: process.version, rows }, null, 2));
} else {
  console.log(`deployer against moto (${runs} run(s), skip-push, no wait), node ${process.version}`);
  console.log('phase              API calls  mutating  median ms  min ms');
  for (const r of rows) console.log(`${r.phase.padEnd(18)} ${String(r.calls).padStart(9)} ${String(r.mutating).padStart(9)} ${String(r.medianMs).padStart(10)} ${String(r.minMs).padStart(7)}`);
  for (const r of rows) console.log(`\n${r.phase} mutating calls: ${Object.entries(r.mutatingByCommand).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}`);
}

// AWS's desync corpus (aws/http-desync-guardian, 159 cases) through our
// listener, tallied per tier: how many were forwarded (connection kept),
// forwarded then closed (ALB's defensive mode for Ambiguous), rejected with a
// 4xx, or something else (no answer, 5xx). The target is Node's strict parser,
// so its parse errors (what a smuggled or malformed forward looks like) are
// counted too. In-process, 127.0.0.1 only, no Docker.
//   pnpm exec tsx bench/load-balancer/desync-corpus.ts [--cases]
import { DESYNC_CORPUS, type DesyncTier } from '../../packages/emulator/src/load-balancer/testing/desync-corpus.js';
import { replayCase, startStrictTarget, type ReplayOutcome } from '../../packages/emulator/src/load-balancer/testing/desync-replay.js';
import { INTERVAL_MS, TG, startAlb } from '../../packages/emulator/src/load-balancer/testing/fixtures.js';

const showCases = process.argv.includes('--cases');
const target = await startStrictTarget();
const lb = await startAlb();
lb.alb.registerTargets(TG, [{ id: 't', host: '127.0.0.1', port: target.port }]);
await lb.clock.advance(INTERVAL_MS);

const tiers: DesyncTier[] = ['Compliant', 'Acceptable', 'Ambiguous', 'Severe'];
const outcomes: ReplayOutcome[] = ['forwarded', 'forwarded+closed', 'rejected', 'other'];
const table = new Map(tiers.map((tier) => [tier, new Map(outcomes.map((outcome) => [outcome, 0]))]));
let id = 0;
for (const testCase of DESYNC_CORPUS) {
  id += 1;
  const errorsBefore = target.parseErrors.length;
  const result = await replayCase(lb.port, testCase, String(id));
  const row = table.get(testCase.tier)!;
  row.set(result.outcome, row.get(result.outcome)! + 1);
  const parseErrors = target.parseErrors.slice(errorsBefore);
  if (showCases) console.log(`${testCase.tier.padEnd(10)} ${result.outcome.padEnd(16)} ${(result.status ?? '-').padEnd(36)} ${testCase.file}: ${testCase.name}${parseErrors.length ? `  [target: ${parseErrors.join('; ')}]` : ''}`);
}

console.log(`\n| tier | cases | ${outcomes.join(' | ')} |`);
console.log(`|---|---:|${outcomes.map(() => '---:').join('|')}|`);
for (const tier of tiers) {
  const row = table.get(tier)!;
  const total = [...row.values()].reduce((a, b) => a + b, 0);
  console.log(`| ${tier} | ${total} | ${outcomes.map((outcome) => row.get(outcome)).join(' | ')} |`);
}
const untraced = target.requests.filter((request) => !request.traced).length;
console.log(`\ntarget (strict parser): ${target.requests.length} requests read, ${untraced} without the listener's X-Amzn-Trace-Id, ${target.parseErrors.length} parse errors`);
const nonCompliant = (lb.alb.listeners()[0] as { DesyncMitigationMode_NonCompliant_Request_Count?: number }).DesyncMitigationMode_NonCompliant_Request_Count;
if (nonCompliant !== undefined) console.log(`listener DesyncMitigationMode_NonCompliant_Request_Count: ${nonCompliant}`);
await lb.stop();
await target.close();

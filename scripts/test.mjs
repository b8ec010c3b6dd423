#!/usr/bin/env node
// The README's test command. Runs the unit tier, then the integration tier
// (real Docker engine, real moto server), and ends with one plain line
// `N passed, N failed` because CI reads that line, not jest's summary.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const extra = process.argv.slice(2);
const out = mkdtempSync(join(tmpdir(), 'ecs-twin-test-'));
const env = {
  ...process.env,
  NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules --no-warnings`.trim(),
  TESTCONTAINERS_RYUK_DISABLED: 'true',
  TESTCONTAINERS_HOST_OVERRIDE: process.env.TESTCONTAINERS_HOST_OVERRIDE ?? 'localhost',
};

const typecheck = spawnSync('pnpm', ['exec', 'tsc', '-p', 'tsconfig.json', '--noEmit'], { stdio: 'inherit', env });
let passed = 0;
let failed = typecheck.status === 0 ? 0 : 1;
if (failed) console.error('typecheck failed');

const tiers = extra.length ? [['custom', extra]] : [
  ['unit', ['--selectProjects', 'unit']],
  ['integration', ['--selectProjects', 'integration', '--runInBand']],
];
let exit = typecheck.status ?? 1;
for (const [name, args] of tiers) {
  const file = join(out, `${name}.json`);
  const run = spawnSync('pnpm', ['exec', 'jest', ...args, '--json', `--outputFile=${file}`], { stdio: 'inherit', env });
  if (run.status !== 0) exit = run.status ?? 1;
  if (existsSync(file)) {
    const report = JSON.parse(readFileSync(file, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0);
  } else {
    failed += 1;
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(exit || (failed > 0 ? 1 : 0));

// Size of `emulate status --json` on a stack that has run for a few minutes, as a
// file and through a pipe into a reader that waits a second (`| (sleep 1; wc -c)`),
// with and without --history. `--repo` runs another checkout's command line and
// emulator (e.g. an older commit, for "before" numbers; --history is skipped where
// that version rejects it).
//
//   pnpm exec tsx bench/emulator/status-size.ts [--minutes 4] [--ports 18300,18301] [--repo DIR] [--name bench-status-size]
import { parseArgs } from 'node:util';
import { benchManifest, REPO, run, sleep } from './bench-stack.js';

const { values } = parseArgs({
  options: { minutes: { type: 'string', default: '4' }, ports: { type: 'string', default: '18300,18301' }, repo: { type: 'string', default: REPO }, rounds: { type: 'string', default: '3' }, name: { type: 'string', default: 'bench-status-size' } },
});
const NAME = values.name;
const repo = values.repo;

/** `pnpm --silent emulate <args>` in `repo`, as users type it, its stdout into `sink`. */
const emulateInto = (args: string, sink: string) => run('bash', ['-c', `pnpm --silent emulate ${args} ${sink}`], { cwd: repo });

async function sizes(file: string, flags: string): Promise<{ file: number; piped: number[] } | { unsupported: string }> {
  const toFile = await emulateInto(`status --json ${flags} --file ${file}`, `> ${file}.status.json && wc -c < ${file}.status.json`);
  if (toFile.code !== 0) return { unsupported: toFile.stderr.trim().split('\n')[0] ?? `exit ${toFile.code}` };
  const piped: number[] = [];
  for (let i = 0; i < Number(values.rounds); i++) {
    piped.push(Number((await emulateInto(`status --json ${flags} --file ${file}`, '| (sleep 1; wc -c)')).stdout.trim()));
  }
  return { file: Number(toFile.stdout.trim()), piped };
}

async function main(): Promise<void> {
  const file = await benchManifest(NAME, values.ports.split(',').map(Number) as [number, number]);
  const up = await run('pnpm', ['--silent', 'emulate', 'up', '--detach', '--file', file], { cwd: repo });
  if (up.code !== 0) throw new Error(`emulate up failed: ${up.stderr}`);
  try {
    await sleep(Number(values.minutes) * 60_000);
    const result = { repo, minutes: Number(values.minutes), default: await sizes(file, ''), history: await sizes(file, '--history') };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await run('pnpm', ['--silent', 'emulate', 'down', '--file', file], { cwd: repo });
  }
}

await main();

// Warm start: `emulate up --detach` until both listeners answer 200 on the health
// path, against Debian's `docker-compose up -d` on the compose file generated from
// the same manifest (`emulate export compose`, as compose/docker-compose.yml is)
// until both services answer. Same images, both already built ("warm"), same
// ports (so the two sides run one after the other), N rounds each, medians.
// --ports picks the two ports (default 8000,8001; use others when a stack runs).
//
//   pnpm exec tsx bench/emulator/warm-start.ts [--rounds 5] [--ports 18000,18001]
import { parseArgs } from 'node:util';
import { dirname, join } from 'node:path';
import { answers200, benchManifest, emulate, median, portFree, run, sleep } from './bench-stack.js';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '5' }, ports: { type: 'string', default: '8000,8001' } } });
const rounds = Number(values.rounds);
const PORTS = values.ports.split(',').map(Number) as [number, number];
const HEALTH = PORTS.map((p) => `http://127.0.0.1:${p}/health`);

async function bothAnswer(deadlineMs: number): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < deadlineMs) {
    if ((await Promise.all(HEALTH.map(answers200))).every(Boolean)) return performance.now() - started;
    await sleep(50);
  }
  throw new Error('services did not answer');
}

async function main(): Promise<void> {
  for (const port of PORTS) if (!(await portFree(port))) throw new Error(`port ${port} is in use: stop what holds it first, or pass --ports`);
  const file = await benchManifest('bench-warm', PORTS);
  const composeFile = join(dirname(file), 'compose', 'docker-compose.yml');
  if ((await emulate(['export', 'compose', '--file', file, '--output', composeFile])).code !== 0) throw new Error('export compose failed');
  const COMPOSE = ['-f', composeFile, '-p', 'ecs-twin-bench-compose'];
  // Warm-up: builds anything missing (images, agent image), then down.
  const warm = await emulate(['up', '--detach', '--file', file]);
  if (warm.code !== 0) throw new Error(`warm-up failed: ${warm.stderr}`);
  await emulate(['down', '--file', file]);

  const emulator: number[] = [];
  const compose: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    const up = await emulate(['up', '--detach', '--file', file]);
    if (up.code !== 0) throw new Error(`emulate up failed: ${up.stderr}`);
    await bothAnswer(10_000);
    emulator.push(performance.now() - started);
    await emulate(['down', '--file', file]);

    const cStarted = performance.now();
    const c = await run('docker-compose', [...COMPOSE, 'up', '-d']);
    if (c.code !== 0) throw new Error(`docker-compose up failed: ${c.stderr}`);
    await bothAnswer(120_000);
    compose.push(performance.now() - cStarted);
    await run('docker-compose', [...COMPOSE, 'down']);
    process.stderr.write(`round ${i + 1}: emulate ${(emulator[i]! / 1000).toFixed(2)} s, docker-compose ${(compose[i]! / 1000).toFixed(2)} s\n`);
  }
  const e = median(emulator) / 1000;
  const c = median(compose) / 1000;
  console.log(JSON.stringify({ rounds, emulateUpDetachSeconds: +e.toFixed(2), dockerComposeUpSeconds: +c.toFixed(2), ratio: +(e / c).toFixed(2), emulator, compose }, null, 2));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

// Service Connect call latency: a client container on the namespace network
// calls the same task through its discovery name (users:3000, via the agent)
// and directly (task IP:3000), alternating request by request so both see the
// same host noise. Sequential, keep-alive on both paths, as a service's HTTP
// client would. Prints p50/p90/p99 per path and the ratio.
//
//   pnpm exec tsx bench/service-connect/run.ts [--requests 2000] [--warmup 200] [--tasks 1] [--json]
//
// Traffic stays on the stack's own Docker network; everything created carries
// the bench stack's labels and is removed at the end.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { ensureNodeRuntimeImage } from '@ecs-twin/images';
import { DockerServiceConnect } from '../../packages/emulator/src/service-connect/index.js';
import {
  connectTestDocker,
  ID_SERVER_SCRIPT,
  lastJsonLine,
  removeStackObjects,
  runNodeOnce,
  startNodeContainer,
} from '../../packages/emulator/src/service-connect/testing/node-containers.js';
import { USERS_DISCOVERY_NAME } from '../../packages/emulator/src/service-connect/testing/discovery-names.js';
import { summarize, type LatencySummary } from './latency-stats.js';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '2000' },
    warmup: { type: 'string', default: '200' },
    tasks: { type: 'string', default: '1' },
    json: { type: 'boolean', default: false },
  },
});
const requests = Number(values.requests);
const warmup = Number(values.warmup);
const taskCount = Number(values.tasks);

// One keep-alive socket per target, requests strictly one after another.
const CLIENT_SCRIPT = `
const http = require('http');
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
function get(url) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    http.get(url, { agent }, (res) => {
      res.resume();
      res.on('end', () => res.statusCode === 200
        ? resolve(Number(process.hrtime.bigint() - started) / 1e6)
        : reject(new Error(url + ' answered ' + res.statusCode)));
    }).on('error', reject);
  });
}
(async () => {
  const targets = Object.entries(JSON.parse(process.env.TARGETS));
  for (let i = 0; i < Number(process.env.WARMUP); i++) for (const [, url] of targets) await get(url);
  const samples = Object.fromEntries(targets.map(([name]) => [name, []]));
  for (let i = 0; i < Number(process.env.N); i++) for (const [name, url] of targets) samples[name].push(await get(url));
  console.log(JSON.stringify(samples));
})().catch((e) => { console.log(JSON.stringify({ error: String(e) })); process.exit(1); });
`;

const docker = connectTestDocker();
const stack = `bench-sc-${randomBytes(3).toString('hex')}`;
const cleanup = () => removeStackObjects(docker, stack);
process.once('SIGINT', () => void cleanup().finally(() => process.exit(130)));

try {
  const image = await ensureNodeRuntimeImage({ docker, onProgress: (m) => process.stderr.write(`${m}\n`) });
  const sc = new DockerServiceConnect({ stack, namespace: 'ecs-tutorial', docker });
  const { networkName } = await sc.ensureNamespace();
  await sc.ensureAgent(USERS_DISCOVERY_NAME);
  const tasks = [];
  for (let i = 0; i < taskCount; i++) {
    const started = await startNodeContainer(docker, { stack, image, networkName, name: `${stack}_task-${i}`, script: ID_SERVER_SCRIPT, env: { ID: `task-${i}` } });
    tasks.push({ id: `task-${i}`, address: started.ip, port: 3000 });
  }
  await sc.setEndpoints('users', tasks);

  process.stderr.write(`${requests} sequential requests per path (+${warmup} warm-up), ${taskCount} task(s) behind users:3000\n`);
  const { output, exitCode } = await runNodeOnce(docker, {
    stack,
    image,
    networkName,
    script: CLIENT_SCRIPT,
    env: {
      TARGETS: JSON.stringify({ 'service-connect (users:3000)': 'http://users:3000/', 'direct (task IP:3000)': `http://${tasks[0]!.address}:3000/` }),
      N: String(requests),
      WARMUP: String(warmup),
    },
    timeoutMs: 600_000,
  });
  const parsed = lastJsonLine<Record<string, number[]> | { error: string }>(output);
  if (exitCode !== 0 || 'error' in parsed) throw new Error(`client failed: ${'error' in parsed ? parsed.error : output.slice(-500)}`);

  const rows = Object.entries(parsed).map(([path, list]) => ({ path, ...summarize(list) }));
  const [viaName, direct] = rows as [LatencySummary & { path: string }, LatencySummary & { path: string }];
  const ratio = { p50: viaName.p50 / direct.p50, p99: viaName.p99 / direct.p99 };
  if (values.json) {
    console.log(JSON.stringify({ requests, tasks: taskCount, rows, ratio }));
  } else {
    const ms = (n: number) => n.toFixed(3).padStart(8);
    console.log(`${'path'.padEnd(30)} ${'p50 ms'.padStart(8)} ${'p90 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'mean ms'.padStart(8)} ${'max ms'.padStart(8)}`);
    for (const r of rows) console.log(`${r.path.padEnd(30)} ${ms(r.p50)} ${ms(r.p90)} ${ms(r.p99)} ${ms(r.mean)} ${ms(r.max)}`);
    console.log(`ratio service-connect / direct: p50 ${ratio.p50.toFixed(2)}x, p99 ${ratio.p99.toFixed(2)}x ` +
      `(added p50 ${(viaName.p50 - direct.p50).toFixed(3)} ms)`);
  }
} finally {
  await cleanup();
}

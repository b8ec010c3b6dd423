// Memory of the ALB process under a flood of unfinished request heads (issue
// 10, item 1): N connections each send a request line and a header of
// `--kib` KiB that never ends, the benchmark reads the ALB child's RSS while
// they hang and again after they closed. 127.0.0.1 only, no Docker.
//   pnpm exec tsx bench/load-balancer/head-flood.ts [--connections 2000] [--kib 32]
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { rssMiB } from './proc-stats.js';

const { values } = parseArgs({ options: { connections: { type: 'string', default: '2000' }, kib: { type: 'string', default: '32' } } });
const connections = Number(values.connections);
const kib = Number(values.kib);
const here = dirname(fileURLToPath(import.meta.url));
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

const target = createServer((_req, res) => res.end('ok'));
await new Promise<void>((done) => target.listen(0, '127.0.0.1', done));
const targetPort = (target.address() as AddressInfo).port;

const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'alb-process.ts'), JSON.stringify([targetPort]), '0'], {
  cwd: resolve(here, '../..'),
  stdio: ['ignore', 'pipe', 'inherit'],
});
const port = await new Promise<number>((done, fail) => {
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    const line = out.split('\n').find((l) => l.startsWith('{'));
    if (line) done((JSON.parse(line) as { port: number }).port);
  });
  child.once('exit', (code) => fail(new Error(`alb-process exited with ${code}`)));
});
const pid = child.pid!;

try {
  // A few complete requests first, so the baseline includes a warmed-up listener.
  for (let i = 0; i < 20; i++) await fetch(`http://127.0.0.1:${port}/warm`).then((res) => res.text());
  await sleep(1000);
  const baseline = rssMiB(pid);

  const head = Buffer.from(`GET / HTTP/1.1\r\nHost: flood\r\nX-Fill: ${'a'.repeat(kib * 1024)}`, 'latin1');
  const sockets: Socket[] = [];
  let closedEarly = 0;
  for (let i = 0; i < connections; i++) {
    const socket = connect({ host: '127.0.0.1', port });
    socket.on('error', () => {});
    socket.on('close', () => (closedEarly += 1));
    socket.resume(); // read whatever the listener answers, so its close is seen
    socket.write(head);
    sockets.push(socket);
    if (i % 200 === 199) await sleep(50);
  }
  await sleep(3000);
  const during = rssMiB(pid);
  const heldOpen = connections - closedEarly;

  for (const socket of sockets) socket.destroy();
  await sleep(3000);
  const after = rssMiB(pid);
  await sleep(7000);
  const later = rssMiB(pid);

  console.log(`${connections} connections x ${kib} KiB unfinished head, ALB child pid ${pid}`);
  console.log(`| RSS before | during | after close (+3 s) | after close (+10 s) | flood connections the listener kept open |`);
  console.log(`|---:|---:|---:|---:|---:|`);
  console.log(`| ${baseline.toFixed(0)} MiB | ${during.toFixed(0)} MiB | ${after.toFixed(0)} MiB | ${later.toFixed(0)} MiB | ${heldOpen} |`);
} finally {
  child.kill('SIGTERM');
  target.close();
  target.closeAllConnections();
}

// Differential run with nginx (Debian) as the TARGET behind our listener:
// nginx's parser is lenient where Node's strict one refuses (it ends a trailer
// line at a bare LF, for one), so a request the listener smuggled would reach
// it as one more request. nginx logs every request it reads; each must be one
// the listener forwarded, carrying the listener's X-Amzn-Trace-Id.
// Cases: the desync corpus plus the smuggling requests of issue 10.
// 127.0.0.1 only, no Docker.
//   pnpm exec tsx bench/load-balancer/desync-nginx.ts
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DESYNC_CORPUS } from '../../packages/emulator/src/load-balancer/testing/desync-corpus.js';
import { replayCase } from '../../packages/emulator/src/load-balancer/testing/desync-replay.js';
import { INTERVAL_MS, TG, startAlb } from '../../packages/emulator/src/load-balancer/testing/fixtures.js';
import { rawConnect } from '../../packages/emulator/src/load-balancer/testing/raw-client.js';
import { freePort, waitHealthy } from './tasks.js';

const dir = mkdtempSync(join(tmpdir(), 'desync-nginx-'));
mkdirSync(join(dir, 'tmp'));
const port = await freePort();
const log = join(dir, 'access.log');
writeFileSync(
  join(dir, 'nginx.conf'),
  `worker_processes 1;
daemon off;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
${process.getuid?.() === 0 ? 'user root;' : ''}
events { worker_connections 256; }
http {
  log_format cases '$http_x_case|$http_x_amzn_trace_id|$request';
  access_log ${log} cases;
  client_body_temp_path ${join(dir, 'tmp')};
  server {
    listen 127.0.0.1:${port};
    location / {
      return 200 "target";
    }
  }
}
`,
);
const nginx = spawn('/usr/sbin/nginx', ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')], { stdio: ['ignore', 'ignore', 'inherit'] });
const lb = await startAlb();
try {
  await waitHealthy(port, '/health', 10_000);
  lb.alb.registerTargets(TG, [{ id: 'nginx', host: '127.0.0.1', port }]);
  await lb.clock.advance(INTERVAL_MS);

  const forwarded = new Set<string>();
  let id = 0;
  for (const testCase of DESYNC_CORPUS) {
    id += 1;
    const result = await replayCase(lb.port, testCase, String(id));
    // nginx answers some itself (501 for codings other than chunked, 400 for chunked HTTP/1.0): still read.
    if (result.served) forwarded.add(String(id));
  }
  // The requests of issue 10: a bare LF ending the trailers, and a bare LF after the last chunk size.
  const extra = [
    'POST /public HTTP/1.1\r\nHost: x\r\nX-Case: smuggle-1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\nGET /admin-only HTTP/1.1\r\nHost: x\r\n\r\n',
    'POST /public HTTP/1.1\r\nHost: x\r\nX-Case: smuggle-2\r\nTransfer-Encoding: chunked\r\n\r\n0\n\r\nGET /admin-only HTTP/1.1\r\nHost: x\r\n\r\n',
    'POST /public HTTP/1.1\r\nHost: x\r\nX-Case: smuggle-3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX: y\nGET /admin-only HTTP/1.1\r\nHost: x\r\n\r\n\r\n',
  ];
  for (const bytes of extra) {
    const client = await rawConnect(lb.port);
    client.socket.write(bytes);
    await client.read();
  }
  await new Promise((resolve) => setTimeout(resolve, 500)); // nginx writes its log line after the response
  const lines = readFileSync(log, 'utf8').trim().split('\n').filter(Boolean);
  // Probes aside, and the health check this script sent nginx directly before the run.
  const read = lines.map((line) => line.split('|')).filter(([caseId, , request]) => caseId !== 'probe' && !(caseId === '-' && request === 'GET /health HTTP/1.1'));
  const fromCorpus = read.filter(([caseId]) => /^\d+$/.test(caseId!)).map(([caseId]) => caseId!);
  const untraced = read.filter(([, trace]) => trace === '-' || trace === '');
  const unexpected = fromCorpus.filter((caseId) => !forwarded.has(caseId));
  const duplicates = fromCorpus.filter((caseId, index) => fromCorpus.indexOf(caseId) !== index);
  const missing = [...forwarded].filter((caseId) => !fromCorpus.includes(caseId));
  console.log(`corpus: ${forwarded.size} cases forwarded by the listener; nginx read ${fromCorpus.length} of them`);
  console.log(`nginx read ${read.length} requests in all (probes aside): ${untraced.length} without the listener's trace id, ${unexpected.length} the listener did not forward, ${duplicates.length} twice, ${missing.length} forwarded but not read`);
  for (const [caseId, , request] of [...untraced, ...read.filter(([caseId]) => unexpected.includes(caseId!))]) console.log(`  ${caseId} ${request}`);
  console.log(`smuggling requests of issue 10: ${read.filter(([caseId]) => caseId!.startsWith('smuggle')).length} of ${extra.length} reached nginx; /admin-only reached it ${read.filter(([, , request]) => request!.includes('/admin-only')).length} times`);
} finally {
  await lb.stop();
  nginx.kill('SIGQUIT');
  await new Promise((resolve) => setTimeout(resolve, 300));
  rmSync(dir, { recursive: true, force: true });
}

// Child process of the benchmark: the same job done with http-proxy 1.18 (what
// the issue first named), with a keep-alive agent and the same added headers,
// so the choice of our own HTTP/1.1 listener rests on a measurement.
import { createServer } from 'node:http';
import { Agent } from 'node:http';
import httpProxy from 'http-proxy';
import { traceHeader } from '../../packages/emulator/src/load-balancer/index.js';
import { proxyProcessArgs, serveUntilSigterm } from './proxy-process.js';

const { taskPorts, listenPort } = proxyProcessArgs();
const agent = new Agent({ keepAlive: true, maxSockets: Infinity, maxFreeSockets: 256, scheduling: 'lifo' });
const proxy = httpProxy.createProxyServer({ agent, xfwd: true });
proxy.on('proxyReq', (proxyReq, req) => {
  proxyReq.setHeader('X-Amzn-Trace-Id', traceHeader(req.headers['x-amzn-trace-id'] as string | undefined, Date.now()));
});
proxy.on('error', (_error, _req, res) => {
  if ('writeHead' in res && !res.headersSent) res.writeHead(502);
  res.end();
});
const targets = taskPorts.map((port) => `http://127.0.0.1:${port}`);
let next = 0;
const server = createServer((req, res) => {
  const target = targets[next]!;
  next = (next + 1) % targets.length;
  proxy.web(req, res, { target });
});
serveUntilSigterm(server, listenPort, () => agent.destroy());

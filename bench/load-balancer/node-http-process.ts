// Child process of the benchmark: the lean node:http design (http.createServer
// plus http.request over a keep-alive Agent, same added headers), which our
// listener used before it spoke HTTP/1.1 itself; kept to show what that change bought.
import { Agent, createServer, request } from 'node:http';
import { traceHeader } from '../../packages/emulator/src/load-balancer/index.js';
import { proxyProcessArgs, serveUntilSigterm } from './proxy-process.js';

const { taskPorts, listenPort } = proxyProcessArgs();
const agents = taskPorts.map(() => new Agent({ keepAlive: true, maxFreeSockets: 256, scheduling: 'lifo' }));
let next = 0;
const server = createServer((req, res) => {
  const index = next;
  next = (next + 1) % taskPorts.length;
  const headers = [...req.rawHeaders];
  headers.push(
    'X-Forwarded-For', req.socket.remoteAddress ?? '',
    'X-Forwarded-Proto', 'http',
    'X-Forwarded-Port', String(listenPort),
    'X-Amzn-Trace-Id', traceHeader(req.headers['x-amzn-trace-id'] as string | undefined, Date.now()),
  );
  const upstream = request(
    { host: '127.0.0.1', port: taskPorts[index], method: req.method, path: req.url, headers, agent: agents[index], setHost: false },
    (response) => {
      res.writeHead(response.statusCode ?? 502, response.statusMessage, response.rawHeaders.filter((_, i, all) => i % 2 === 1 || !/^(connection|keep-alive|transfer-encoding)$/i.test(all[i]!)));
      response.pipe(res);
    },
  );
  upstream.on('error', () => {
    if (!res.headersSent) res.writeHead(502);
    res.end();
  });
  req.pipe(upstream);
});
serveUntilSigterm(server, listenPort, () => {
  for (const agent of agents) agent.destroy();
});

// The Service Connect agent: ecs-twin's stand-in for the Envoy proxy that ECS
// injects into every task of a Service Connect service.
//
// Deviation from AWS, on purpose: ECS runs one proxy per task (client side
// and server side); we run a pair of agents per discovery name, on the
// namespace network, each holding the client alias (`users`) as its network
// alias, so one can die without the name going away (../README.md). Calls
// still go round robin per request over the service's tasks, with Service
// Connect's retries, timeouts and outlier detection; what differs is that
// there is one proxy hop instead of two, and the agent sits on the network
// rather than in the client task (so it uses the task's own network address,
// not 127.255.0.x from /etc/hosts).
//
// Plain Node, node: modules only: it runs with `node /agent/agent.mjs` in an
// image that holds nothing but node.
import http from 'node:http';
import { createAdminHandler, loadEndpoints } from './admin.mjs';
import { readAgentConfig } from './config.mjs';
import { createProxyHandler } from './proxy.mjs';
import { EndpointPool } from './routing.mjs';

const config = readAgentConfig(process.env);
const log = (fields) => process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), discoveryName: config.discoveryName, ...fields })}\n`);

const pool = new EndpointPool(config.outlier);
pool.setEndpoints(loadEndpoints(config.stateFile, config.seedEndpoints));

// Per-request choice with pooled connections: keep-alive saves the connect
// cost, the endpoint is still picked per request.
const upstreamAgent = new http.Agent({ keepAlive: true, timeout: config.upstreamIdleMs, maxSockets: 512 });

const proxy = http.createServer(createProxyHandler({ pool, config, agent: upstreamAgent, log }));
// Idle timeout of client connections (Service Connect: 5 min for HTTP, 0 disables).
proxy.keepAliveTimeout = config.idleTimeoutMs;
// The per-request timeout is the agent's own (504), not Node's.
proxy.requestTimeout = 0;
proxy.listen(config.listenPort, '0.0.0.0', () => log({ event: 'listening', port: config.listenPort, endpoints: pool.endpoints().length }));

const admin = http.createServer(createAdminHandler({ pool, config, log }));
admin.listen(config.adminPort, '0.0.0.0');

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    log({ event: 'stopping', signal });
    admin.close();
    proxy.close(() => process.exit(0));
    proxy.closeIdleConnections();
    setTimeout(() => process.exit(0), 2000).unref();
  });
}

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseDeployRequest, startDeployment } from '../deployments/start-deployment.js';
import type { EmulatorEvent } from '../events/index.js';
import type { StackRuntime } from '../stack-runtime/index.js';
import { ServiceNotFoundError } from '../stack-runtime/index.js';
import { withoutPeriodHistory } from '../status/without-history.js';
import type { StackStatusView } from '../status/index.js';

export interface ControlServerOptions {
  readonly runtime: StackRuntime;
  readonly token: string;
  readonly status: () => StackStatusView;
  /** Called by POST /shutdown; the response is sent first. */
  readonly onShutdown: (stopTasks: boolean) => void;
}

/**
 * The emulator's control API on 127.0.0.1 (random port): what the CLI uses to
 * read status, follow events, and change desired counts of a running stack.
 *   GET  /status?history=1                -> StackStatusView (autoscaling periods: the latest, or with history=1 the last 15 minutes)
 *   GET  /events?history=1                -> NDJSON stream of EmulatorEvent
 *   POST /services/<name>/desired-count   {desiredCount, cause?}
 *   POST /services/<name>/deployments     {imageTag?, environment?, forceNewDeployment?} -> DeployResult
 *   POST /shutdown                        {stopTasks}
 */
export async function startControlServer(options: ControlServerOptions): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    handle(options, req, res).catch((error: unknown) => send(res, 500, { error: String(error) }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  server.unref();
  return { server, port: (server.address() as AddressInfo).port };
}

async function handle(options: ControlServerOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.headers['x-ecs-twin-token'] !== options.token) return send(res, 403, { error: 'bad token' });
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (req.method === 'GET' && url.pathname === '/status') return send(res, 200, url.searchParams.has('history') ? options.status() : withoutPeriodHistory(options.status()));
  if (req.method === 'GET' && url.pathname === '/events') return streamEvents(options.runtime, url.searchParams.has('history'), req, res);
  const scale = /^\/services\/([^/]+)\/desired-count$/.exec(url.pathname);
  if (req.method === 'POST' && scale) {
    const body = (await readJson(req)) as { desiredCount?: unknown; cause?: unknown };
    if (typeof body.desiredCount !== 'number' || !Number.isInteger(body.desiredCount) || body.desiredCount < 0) {
      return send(res, 400, { error: 'desiredCount: expected an integer >= 0' });
    }
    try {
      const name = decodeURIComponent(scale[1]!);
      await options.runtime.setDesiredCount(name, body.desiredCount, typeof body.cause === 'string' ? body.cause : 'UpdateService from the CLI');
      return send(res, 200, { serviceName: options.runtime.resolveServiceName(name), desiredCount: body.desiredCount });
    } catch (error) {
      if (error instanceof ServiceNotFoundError) return send(res, 404, { error: error.message });
      throw error;
    }
  }
  const deploy = /^\/services\/([^/]+)\/deployments$/.exec(url.pathname);
  if (req.method === 'POST' && deploy) {
    const request = parseDeployRequest(await readJson(req));
    if (typeof request === 'string') return send(res, 400, { error: request });
    try {
      return send(res, 201, await startDeployment(options.runtime, decodeURIComponent(deploy[1]!), request));
    } catch (error) {
      if (error instanceof ServiceNotFoundError) return send(res, 404, { error: error.message });
      throw error;
    }
  }
  if (req.method === 'POST' && url.pathname === '/shutdown') {
    const body = (await readJson(req)) as { stopTasks?: unknown };
    send(res, 202, { shuttingDown: true });
    options.onShutdown(body.stopTasks !== false);
    return;
  }
  send(res, 404, { error: `no route ${req.method} ${url.pathname}` });
}

function streamEvents(runtime: StackRuntime, history: boolean, req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/x-ndjson' });
  const write = (e: EmulatorEvent) => res.write(`${JSON.stringify(e)}\n`);
  if (history) for (const e of runtime.events.recent(() => true, 500).reverse()) write(e);
  const unsubscribe = runtime.events.subscribe(write);
  req.on('close', unsubscribe);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return void res.end();
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}

// Test harness: real Nest apps on ephemeral 127.0.0.1 ports, plus tiny raw
// HTTP peers (slow, silent) to drive the timeout and shutdown paths.
import type { DynamicModule, INestApplication, LoggerService } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { configureApp } from '../bootstrap/configure-app.js';
import { JsonLogger } from '../logging/index.js';

export interface RunningApp {
  readonly app: INestApplication;
  readonly url: string;
  readonly logs: string[];
}

/** Compiles `module` with @nestjs/testing, configures it as the services run (configureApp) and listens. */
export async function startApp(module: DynamicModule, service = 'test'): Promise<RunningApp> {
  const logs: string[] = [];
  const logger: LoggerService = new JsonLogger(service, (line) => logs.push(line));
  const moduleRef = await Test.createTestingModule({ imports: [module] }).compile();
  const app = configureApp(moduleRef.createNestApplication({ logger }));
  await app.listen(0, '127.0.0.1');
  return { app, url: urlOf(app.getHttpServer() as Server), logs };
}

export function urlOf(server: Server): string {
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A raw HTTP peer; `handler` decides how (and whether) to answer. */
export async function startPeer(handler: http.RequestListener): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: urlOf(server),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A URL on 127.0.0.1 where nothing listens (a port just released). */
export async function unusedUrl(): Promise<string> {
  const peer = await startPeer(() => undefined);
  await peer.close();
  return peer.url;
}

/** GET over a keep-alive agent, the way an ALB or vegeta holds connections open. */
export function keepAliveGet(url: string, agent: http.Agent): Promise<{ status: number; body: string; connection?: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, connection: res.headers.connection }));
      })
      .on('error', reject);
  });
}

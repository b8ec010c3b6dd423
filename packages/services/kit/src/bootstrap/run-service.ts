import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig, type ServiceConfig } from '../config/index.js';
import { stopExitingWhileBooting } from './boot-signals.js';
import { JsonLogger } from '../logging/index.js';
import { configureApp } from './configure-app.js';

export interface ServiceEntry {
  /** The `service` field of every log line (`users`). */
  readonly service: string;
  /** Variable holding the other service's base URL (`SERVICE_PRODUCTS`). */
  readonly upstreamEnv: string;
  /** The service's root module for a parsed config. */
  readonly appModule: (config: ServiceConfig) => DynamicModule;
}

/** A service's main: config from process.env, JSON logs, graceful SIGTERM. Exits 1 if startup fails. */
export function runService(entry: ServiceEntry): void {
  const logger = new JsonLogger(entry.service);
  bootstrap(entry, logger).catch((err: unknown) => {
    logger.fatal(err instanceof Error ? `${err.name}: ${err.message}` : String(err), 'bootstrap');
    process.exit(1);
  });
}

async function bootstrap(entry: ServiceEntry, logger: JsonLogger): Promise<void> {
  const config = loadConfig(process.env, entry.upstreamEnv);
  const app = configureApp(await NestFactory.create(entry.appModule(config), { logger }));
  // SIGTERM (docker stop / ECS StopTask): stop accepting, let in-flight requests
  // finish (ConnectionDrain), then exit 0 rather than re-raising the signal (143).
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  stopExitingWhileBooting();
  await app.listen(config.port);
  logger.log({ msg: 'listening', port: config.port, version: config.apiVersion }, 'bootstrap');
}

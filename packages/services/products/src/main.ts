import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';
import { loadConfig } from './config/index.js';
import { configureApp } from './configure-app.js';
import { JsonLogger } from './logging/index.js';

const logger = new JsonLogger('products');

async function bootstrap(): Promise<void> {
  const config = loadConfig(process.env);
  const app = configureApp(await NestFactory.create(AppModule.forRoot(config), { logger }));
  // SIGTERM (docker stop / ECS StopTask): stop accepting, let in-flight requests
  // finish (ConnectionDrain), then exit 0 rather than re-raising the signal (143).
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  await app.listen(config.port);
  logger.log({ msg: 'listening', port: config.port, version: config.apiVersion }, 'bootstrap');
}

bootstrap().catch((err: unknown) => {
  logger.fatal(err instanceof Error ? `${err.name}: ${err.message}` : String(err), 'bootstrap');
  process.exit(1);
});

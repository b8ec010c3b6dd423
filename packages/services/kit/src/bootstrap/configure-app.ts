import type { INestApplication } from '@nestjs/common';
import { requestLog } from '../logging/index.js';

/** Wiring shared by main.ts and the tests, so both serve exactly the same app. */
export function configureApp<T extends INestApplication>(app: T): T {
  app.use(requestLog());
  return app;
}

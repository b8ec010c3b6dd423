import { Logger } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';

type Next = (err?: unknown) => void;

/**
 * Express-style middleware: one log line per finished request with method,
 * path, status and duration, the JSON counterpart of chi's middleware.Logger.
 * Mounted with app.use() (not a Nest route middleware) so 404s are logged too.
 */
export function requestLog(logger = new Logger('http'), now: () => number = () => performance.now()) {
  return (req: IncomingMessage, res: ServerResponse, next: Next): void => {
    const started = now();
    res.once('finish', () => {
      const path = (req.url ?? '/').split('?')[0];
      logger.log({
        msg: 'request',
        method: req.method,
        path,
        status: res.statusCode,
        ms: Math.round((now() - started) * 10) / 10,
      });
    });
    next();
  };
}

import { type BeforeApplicationShutdown, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/**
 * Makes app.close() (run on SIGTERM by enableShutdownHooks) finish promptly
 * without cutting requests: server.close() stops accepting and drops idle
 * keep-alive sockets, but a socket whose request is still running would stay
 * open until keepAliveTimeout. So while draining, every response still in
 * flight is sent with `Connection: close`, and idle sockets are closed again
 * each time one finishes. (Nest's forceCloseConnections would instead destroy
 * the sockets of in-flight requests.)
 */
@Injectable()
export class ConnectionDrain implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly inFlight = new Set<ServerResponse>();
  private draining = false;
  private server?: Server;

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onApplicationBootstrap(): void {
    this.server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    this.server?.prependListener('request', (_req: IncomingMessage, res: ServerResponse) => this.track(res));
  }

  beforeApplicationShutdown(): void {
    this.draining = true;
    for (const res of this.inFlight) this.closeAfter(res);
  }

  /** Requests currently being served (for tests and logs). */
  get inFlightCount(): number {
    return this.inFlight.size;
  }

  private track(res: ServerResponse): void {
    this.inFlight.add(res);
    res.once('close', () => {
      this.inFlight.delete(res);
      if (this.draining) this.server?.closeIdleConnections();
    });
    if (this.draining) this.closeAfter(res);
  }

  private closeAfter(res: ServerResponse): void {
    if (!res.headersSent) res.setHeader('Connection', 'close');
  }
}

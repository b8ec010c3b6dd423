// One ALB listener: an HTTP server on 127.0.0.1 that hands every request to a
// target of its target group, or answers 503 when the group has nowhere to send it.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sendAlbError } from './alb-responses.js';
import { ListenerPortInUseError } from './errors.js';
import { forwardRequest, type ForwardSettings } from './forward-request.js';
import type { TargetGroup } from './target-group.js';

export interface ListenerSettings {
  readonly idleTimeoutMs: number;
  readonly now: () => number;
}

export class Listener {
  private server?: Server;
  private bound = 0;

  constructor(
    /** The port the manifest names. */
    readonly port: number,
    readonly targetGroup: TargetGroup,
    private readonly settings: ListenerSettings,
  ) {}

  /** The port actually bound (0 before `listen`). */
  get boundPort(): number {
    return this.bound;
  }

  /** Binds host:port (port 0 = any free one); rejects with ListenerPortInUseError when taken. */
  async listen(host: string, port: number): Promise<number> {
    let forward: ForwardSettings | undefined;
    const server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const target = this.targetGroup.choose();
      if (target === undefined || forward === undefined) return sendAlbError(res, 503);
      forwardRequest(req, res, target, forward);
    });
    // ALB's idle timeout applies to the client side too: an idle keep-alive
    // connection is closed after it. ALB has no overall request deadline.
    server.keepAliveTimeout = this.settings.idleTimeoutMs;
    server.headersTimeout = this.settings.idleTimeoutMs + 1000;
    server.requestTimeout = 0;
    await new Promise<void>((resolve, reject) => {
      const onError = (error: NodeJS.ErrnoException) => {
        reject(error.code === 'EADDRINUSE' ? new ListenerPortInUseError(port, host, { cause: error }) : error);
      };
      server.once('error', onError);
      server.listen({ host, port }, () => {
        server.off('error', onError);
        resolve();
      });
    });
    this.server = server;
    this.bound = (server.address() as AddressInfo).port;
    forward = {
      listenerPort: String(this.bound),
      idleTimeoutMs: this.settings.idleTimeoutMs,
      now: this.settings.now,
    };
    return this.bound;
  }

  /** Stops accepting and closes client connections, idle or not. */
  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  }
}

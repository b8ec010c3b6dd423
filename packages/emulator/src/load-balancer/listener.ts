// One ALB listener: a TCP server on 127.0.0.1 whose connections speak HTTP/1.1
// through ClientConnection, forwarding to the targets of one target group.
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { ClientConnection } from './client-connection.js';
import { ListenerPortInUseError } from './errors.js';
import type { TargetGroup } from './target-group.js';

export interface ListenerSettings {
  readonly idleTimeoutMs: number;
  readonly now: () => number;
  /** A request head must be complete this long after its first byte. @default idleTimeoutMs */
  readonly headTimeoutMs?: number;
}

export class Listener {
  private server?: Server;
  private bound = 0;
  private readonly sockets = new Set<Socket>();
  private nonCompliant = 0;

  constructor(
    /** The port the manifest names. */
    readonly port: number,
    readonly targetGroup: TargetGroup,
    private readonly settings: ListenerSettings,
  ) {}

  /**
   * Requests ALB's desync mitigation would not classify Compliant (Acceptable, Ambiguous and Severe),
   * as its DesyncMitigationMode_NonCompliant_Request_Count metric counts them.
   */
  get nonCompliantRequestCount(): number {
    return this.nonCompliant;
  }

  /** The port actually bound (0 before `listen`). */
  get boundPort(): number {
    return this.bound;
  }

  /** Binds host:port (port 0 = any free one); rejects with ListenerPortInUseError when taken. */
  async listen(host: string, port: number): Promise<number> {
    let connectionSettings: ConstructorParameters<typeof ClientConnection>[2] | undefined;
    // allowHalfOpen: the connection decides itself what a client's FIN means (see client-connection.ts).
    const server = createServer({ allowHalfOpen: true, noDelay: true }, (socket) => {
      if (!connectionSettings) return socket.destroy();
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
      new ClientConnection(socket, this.targetGroup, connectionSettings);
    });
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
    connectionSettings = {
      listenerPort: String(this.bound),
      idleTimeoutMs: this.settings.idleTimeoutMs,
      now: this.settings.now,
      ...(this.settings.headTimeoutMs === undefined ? {} : { headTimeoutMs: this.settings.headTimeoutMs }),
      onNonCompliantRequest: () => {
        this.nonCompliant += 1;
      },
    };
    return this.bound;
  }

  /** Stops accepting and closes client connections, idle or not. */
  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }
}

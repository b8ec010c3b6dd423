// One ALB listener: a TCP server on 127.0.0.1 whose connections speak HTTP/1.1
// through ClientConnection, forwarding to the targets of one target group. The
// listening socket is its own, or held by another process (`ListenerSockets`:
// the background emulator's supervisor, which outlives the control loops).
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

/**
 * Listening sockets held by someone else, who accepts the connections and hands
 * them over. Connections that come while nobody takes them wait there, not refused.
 */
export interface ListenerSockets {
  /**
   * Listens on host:port for the listener `key` (its manifest port) unless already
   * listening for it (port 0 = any free one); resolves to the bound port.
   * Rejects with ListenerPortInUseError.
   */
  listen(host: string, port: number, key: string): Promise<number>;
  /** Hands each connection to `boundPort` to `accept` from now on; the returned function stops that. */
  take(boundPort: number, accept: (socket: Socket) => void): () => void;
}

export class Listener {
  private server?: Server;
  private release?: () => void;
  private bound = 0;
  private readonly sockets = new Set<Socket>();
  private nonCompliant = 0;
  private connectionSettings: ConstructorParameters<typeof ClientConnection>[2] | undefined;

  constructor(
    /** The port the manifest names. */
    readonly port: number,
    readonly targetGroup: TargetGroup,
    private readonly settings: ListenerSettings,
    private readonly held?: ListenerSockets,
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
    if (this.held) {
      this.bound = await this.held.listen(host, port, String(this.port));
      this.ready();
      this.release = this.held.take(this.bound, (socket) => {
        // A socket handed over is made as a new one is here: half-open allowed, no Nagle.
        socket.allowHalfOpen = true;
        socket.setNoDelay(true);
        this.accept(socket);
      });
      return this.bound;
    }
    // allowHalfOpen: the connection decides itself what a client's FIN means (see client-connection.ts).
    const server = createServer({ allowHalfOpen: true, noDelay: true }, (socket) => this.accept(socket));
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
    this.ready();
    return this.bound;
  }

  /** Stops accepting and closes client connections, idle or not. */
  async close(): Promise<void> {
    this.release?.();
    this.release = undefined;
    this.connectionSettings = undefined;
    const server = this.server;
    this.server = undefined;
    const closed = server ? new Promise<void>((resolve) => server.close(() => resolve())) : Promise.resolve();
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }

  private ready(): void {
    this.connectionSettings = {
      listenerPort: String(this.bound),
      idleTimeoutMs: this.settings.idleTimeoutMs,
      now: this.settings.now,
      ...(this.settings.headTimeoutMs === undefined ? {} : { headTimeoutMs: this.settings.headTimeoutMs }),
      onNonCompliantRequest: () => {
        this.nonCompliant += 1;
      },
    };
  }

  private accept(socket: Socket): void {
    const settings = this.connectionSettings;
    if (!settings) return void socket.destroy();
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
    new ClientConnection(socket, this.targetGroup, settings);
  }
}

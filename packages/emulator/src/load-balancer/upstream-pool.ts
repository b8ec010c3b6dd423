// Keep-alive connections to one target, on plain TCP sockets. Each connection
// registers its socket listeners once, for its whole life, and hands events to
// whoever owns it at the moment (the exchange it serves, or the pool while it
// idles): no listener is added or removed per request.
import { createConnection, type Socket } from 'node:net';

/** No connection to the target within the connect timeout (the listener answers 504). */
export class ConnectTimeoutError extends Error {
  override readonly name = 'ConnectTimeoutError';
  constructor(host: string, port: number, timeoutMs: number) {
    super(`connect to target ${host}:${port}: no connection within ${timeoutMs} ms`);
  }
}

/** What an exchange must handle while it owns a connection. */
export interface UpstreamOwner {
  onUpstreamData(chunk: Buffer): void;
  onUpstreamDrain(): void;
  onUpstreamTimeout(): void;
  /** The connection is gone; `error` tells why when it failed. */
  onUpstreamClose(error: Error | undefined): void;
}

export interface UpstreamPoolOptions {
  /** ALB gives up on a new connection after this long. @default 10 000 */
  readonly connectTimeoutMs?: number;
  /** Idle keep-alive connections kept. @default 256 */
  readonly maxIdle?: number;
  /** An idle connection is closed after this long. @default 60 000 */
  readonly idleTimeoutMs?: number;
  /** Opens the TCP connection (tests pass one that never connects). */
  readonly connect?: (options: { host: string; port: number; noDelay: boolean }) => Socket;
}

export class UpstreamConnection {
  owner: UpstreamOwner | undefined;
  /** Requests this connection carried before the current one. */
  uses = 0;
  private error: Error | undefined;
  private connectTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly socket: Socket,
    private readonly pool: UpstreamPool,
    connectTimeoutMs: number,
    host: string,
    port: number,
  ) {
    if (socket.connecting) {
      this.connectTimer = setTimeout(() => socket.destroy(new ConnectTimeoutError(host, port, connectTimeoutMs)), connectTimeoutMs);
      socket.once('connect', () => this.clearConnectTimer());
    }
    socket.on('data', (chunk: Buffer) => {
      if (this.owner) this.owner.onUpstreamData(chunk);
      else socket.destroy(); // bytes nobody asked for: the connection cannot be trusted any more
    });
    socket.on('drain', () => this.owner?.onUpstreamDrain());
    socket.on('timeout', () => {
      if (this.owner) this.owner.onUpstreamTimeout();
      else socket.destroy();
    });
    // The target's FIN: the connection cannot carry another request.
    socket.on('end', () => {
      if (!this.owner) socket.destroy();
    });
    socket.on('error', (error: Error) => {
      this.error ??= error;
    });
    socket.on('close', () => {
      this.clearConnectTimer();
      this.pool.forget(this);
      const owner = this.owner;
      this.owner = undefined;
      owner?.onUpstreamClose(this.error);
    });
  }

  get reused(): boolean {
    return this.uses > 0;
  }

  private clearConnectTimer(): void {
    if (this.connectTimer) clearTimeout(this.connectTimer);
    this.connectTimer = undefined;
  }
}

export class UpstreamPool {
  private readonly idle: UpstreamConnection[] = [];
  private readonly busy = new Set<UpstreamConnection>();
  private readonly connectTimeoutMs: number;
  private readonly maxIdle: number;
  private readonly idleTimeoutMs: number;
  private readonly connect: NonNullable<UpstreamPoolOptions['connect']>;

  constructor(
    private readonly host: string,
    private readonly port: number,
    options: UpstreamPoolOptions = {},
  ) {
    this.connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
    this.maxIdle = options.maxIdle ?? 256;
    this.idleTimeoutMs = options.idleTimeoutMs ?? 60_000;
    this.connect = options.connect ?? createConnection;
  }

  /** A connection for `owner`: the most recently used idle one (unless `fresh`), or a new one (writes queue until it connects). */
  acquire(owner: UpstreamOwner, inactivityTimeoutMs: number, fresh = false): UpstreamConnection {
    let connection = fresh ? undefined : this.idle.pop();
    while (connection && connection.socket.destroyed) connection = this.idle.pop();
    if (connection) {
      connection.uses += 1;
    } else {
      // No Nagle delay: a proxy forwards small writes that must leave at once.
      const socket = this.connect({ host: this.host, port: this.port, noDelay: true });
      connection = new UpstreamConnection(socket, this, this.connectTimeoutMs, this.host, this.port);
    }
    connection.owner = owner;
    connection.socket.setTimeout(inactivityTimeoutMs);
    this.busy.add(connection);
    return connection;
  }

  /** Takes a connection back after a complete exchange. */
  release(connection: UpstreamConnection): void {
    connection.owner = undefined;
    this.busy.delete(connection);
    const socket = connection.socket;
    if (socket.destroyed || !socket.writable || !socket.readable || this.idle.length >= this.maxIdle) {
      socket.destroy();
      return;
    }
    if (socket.isPaused()) socket.resume();
    socket.setTimeout(this.idleTimeoutMs);
    this.idle.push(connection);
  }

  /** Called by a connection that closed. */
  forget(connection: UpstreamConnection): void {
    this.busy.delete(connection);
    const index = this.idle.indexOf(connection);
    if (index >= 0) this.idle.splice(index, 1);
  }

  /** Cuts the connections that carry requests now (a drain that expired). */
  destroyBusy(): void {
    for (const connection of [...this.busy]) connection.socket.destroy();
  }

  close(): void {
    for (const connection of [...this.idle, ...this.busy]) connection.socket.destroy();
  }
}

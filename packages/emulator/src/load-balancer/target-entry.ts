// One registered target at run time: its health, its in-flight count and the
// keep-alive connection pool the listener uses to reach it.
import { Agent } from 'node:http';
import { createConnection, type NetConnectOpts, type Socket } from 'node:net';
import type { Target, TargetHealthDescription, TargetState } from './contract.js';
import { registeredHealth, type TargetHealth } from './health-state.js';
import type { Routable } from './target-selection.js';

/** No connection to the target within the connect timeout (the listener answers 504). */
export class ConnectTimeoutError extends Error {
  override readonly name = 'ConnectTimeoutError';
  constructor(host: string, port: number, timeoutMs: number) {
    super(`connect to target ${host}:${port}: no connection within ${timeoutMs} ms`);
  }
}

export interface TargetConnectionOptions {
  /** ALB gives up on a new connection after this long. @default 10 000 */
  readonly connectTimeoutMs?: number;
  /** Upper bound of concurrent connections to one target. @default Infinity (ALB opens what it needs) */
  readonly maxSockets?: number;
  /** Idle keep-alive connections kept per target. @default 256 */
  readonly maxFreeSockets?: number;
}

export class TargetEntry implements Routable {
  health: TargetHealth = registeredHealth();
  inFlight = 0;
  /** Set when the deregistration delay passed with requests still in flight: they end in 502. */
  drainExpired = false;
  /** The pending drain, so a second deregistration of the same target waits for the same one. */
  drain?: Promise<void>;
  /** Stops this target's health-check loop. */
  readonly checks = new AbortController();
  readonly agent: Agent;
  /** Port as a string, computed once (used on every request). */
  readonly host: string;
  readonly port: number;
  private idleWaiters: (() => void)[] = [];

  constructor(
    readonly target: Target,
    connections: TargetConnectionOptions = {},
  ) {
    this.host = target.host;
    this.port = target.port;
    // Keep-alive pool per target: reusing connections is what makes a proxy fast,
    // and one pool per target lets a drain that expires cut exactly its connections.
    this.agent = new Agent({
      keepAlive: true,
      maxSockets: connections.maxSockets ?? Infinity,
      maxFreeSockets: connections.maxFreeSockets ?? 256,
      scheduling: 'lifo',
    });
    // The connect timeout is armed per new connection, not per request: reused
    // keep-alive connections (nearly all of them under load) cost nothing here.
    const connectTimeoutMs = connections.connectTimeoutMs ?? 10_000;
    this.agent.createConnection = (options, callback) => connectWithTimeout(options as object, connectTimeoutMs, callback);
  }

  get state(): TargetState {
    return this.health.state;
  }

  requestStarted(): void {
    this.inFlight += 1;
  }

  requestFinished(): void {
    this.inFlight -= 1;
    if (this.inFlight === 0 && this.idleWaiters.length > 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const wake of waiters) wake();
    }
  }

  /** Resolves once no request is in flight. */
  whenIdle(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** The drain deadline passed: cut the connections still busy (their requests get 502). */
  expireDrain(): void {
    this.drainExpired = true;
    destroyAll(this.agent.sockets);
  }

  /** Closes every connection to the target. */
  close(): void {
    this.checks.abort();
    this.agent.destroy();
  }

  describe(): TargetHealthDescription {
    const { state, reason, description } = this.health;
    return { id: this.target.id, port: this.target.port, state, ...(reason ? { reason, description } : {}) };
  }
}

/** Opens a connection that destroys itself with ConnectTimeoutError if it is not up within `timeoutMs`. */
export function connectWithTimeout(
  options: object,
  timeoutMs: number,
  callback?: (error: Error | null, socket: Socket) => void,
  connect: (options: NetConnectOpts) => Socket = createConnection,
): Socket {
  // No Nagle delay: a proxy forwards small writes that must leave at once.
  const socket = connect({ ...(options as NetConnectOpts), noDelay: true } as NetConnectOpts);
  const { host, port } = options as { host?: string; port?: number };
  const timer = setTimeout(() => socket.destroy(new ConnectTimeoutError(host ?? '', port ?? 0, timeoutMs)), timeoutMs);
  const clear = () => clearTimeout(timer);
  socket.once('connect', clear);
  socket.once('close', clear);
  // The agent uses the returned socket; the callback form is for async connectors only.
  void callback;
  return socket;
}

function destroyAll(pools: NodeJS.ReadOnlyDict<import('node:net').Socket[]>): void {
  for (const sockets of Object.values(pools)) {
    for (const socket of sockets ?? []) socket.destroy();
  }
}

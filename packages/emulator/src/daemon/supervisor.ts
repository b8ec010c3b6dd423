// The background emulator's supervisor: a small process that holds the ALB's
// listening sockets and runs the control loops (everything else: scheduler,
// health checks, forwarding, control API) as its child. It accepts every
// connection and hands it to the child over IPC, as Node's cluster does. When the
// child dies (SIGKILL, a crash), connections wait here instead of being refused,
// the child is started again, re-attaches to the running tasks, registers their
// targets, and only then takes the waiting connections. On AWS the load
// balancer does not go away when the ECS control plane hiccups; this is how the
// emulator gets close to that with one small process that does almost nothing.
import type { ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import {
  afterControlLoopsExit,
  isMessage,
  type ConnectionMessage,
  type ControlOrders,
  type ListenReply,
  type ListenRequest,
  type TookConnection,
} from './supervisor-protocol.js';

/** Connections held while no control loops take them; beyond this, new ones are closed. */
const MAX_WAITING = 4096;

export interface SupervisorOptions {
  /** Starts the control loops with an IPC channel (`stdio` includes 'ipc'). */
  readonly spawnControlLoops: () => ChildProcess;
  readonly log: (line: string) => void;
  /** Called once the supervisor is done: exit the process with this code. */
  readonly onExit: (code: number) => void;
  readonly now?: () => number;
}

export class Supervisor {
  private readonly servers = new Map<string, Server>();
  private readonly waiting: { boundPort: number; socket: Socket }[] = [];
  /** Sent to the control loops, not yet taken: our copy stays open until they say they hold it. */
  private readonly sent = new Map<number, { boundPort: number; socket: Socket }>();
  private nextConnectionId = 1;
  private child: ChildProcess | undefined;
  private ready = false;
  private everReady = false;
  /** A stop was asked for (the child said so, or we were signalled): do not restart. */
  private deliberate = false;
  private orders: Omit<ControlOrders, 'kind' | 'restart'> | undefined;
  /** When the current control loops began taking connections. */
  private readyAt: number | undefined;
  private quickDeaths = 0;
  private readonly now: () => number;

  constructor(private readonly options: SupervisorOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Starts the control loops now (they load while the orders are still on their way). */
  start(): void {
    this.spawn(false);
  }

  /** What to serve: sent to the control loops now and again after every restart. */
  give(orders: Omit<ControlOrders, 'kind' | 'restart'>): void {
    this.orders = orders;
    this.sendOrders(false);
  }

  /** SIGTERM/SIGINT: a deliberate stop; the control loops stop the stack and exit, then so do we. */
  stop(): void {
    this.deliberate = true;
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    else this.finish(0);
  }

  private spawn(restart: boolean): void {
    this.ready = false;
    const child = this.options.spawnControlLoops();
    this.child = child;
    child.on('message', (message: unknown) => this.onMessage(child, message));
    child.on('error', (error) => this.options.log(`supervisor: control loops: ${error.message}`));
    child.once('exit', (code, signal) => this.onExit(child, code, signal));
    if (this.orders) this.sendOrders(restart);
  }

  private sendOrders(restart: boolean): void {
    if (!this.orders || !this.child?.connected) return;
    this.child.send({ kind: 'ecs-twin-control-orders', ...this.orders, restart } satisfies ControlOrders);
  }

  private onMessage(child: ChildProcess, message: unknown): void {
    if (child !== this.child) return;
    if (isMessage<TookConnection>(message, 'ecs-twin-took')) {
      // Closes only our descriptor: the connection lives on in the control loops.
      this.sent.get(message.id)?.socket.destroy();
      this.sent.delete(message.id);
    } else if (isMessage<ListenRequest>(message, 'ecs-twin-listen')) void this.listen(child, message);
    else if (isMessage(message, 'ecs-twin-ready')) {
      this.ready = true;
      this.everReady = true;
      this.readyAt = this.now();
      for (const { boundPort, socket } of this.waiting.splice(0)) this.handOver(boundPort, socket);
    } else if (isMessage(message, 'ecs-twin-stopping')) {
      this.deliberate = true;
      this.ready = false;
    }
  }

  private onExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (child !== this.child) return;
    this.ready = false;
    this.child = undefined;
    // Handed over but never taken: first in line for the next control loops.
    this.waiting.unshift(...this.sent.values());
    this.sent.clear();
    const next = afterControlLoopsExit({
      deliberate: this.deliberate || code === 0,
      code,
      everReady: this.everReady,
      servedMs: this.readyAt === undefined ? undefined : this.now() - this.readyAt,
      quickDeaths: this.quickDeaths,
    });
    this.readyAt = undefined;
    if (next.action === 'exit') {
      if (!this.deliberate && code !== 0) this.options.log(`supervisor: control loops exited (${signal ?? `code ${code}`}): ${next.reason}; stopping`);
      return this.finish(next.code);
    }
    this.quickDeaths = next.quickDeaths;
    this.options.log(`supervisor: control loops exited (${signal ?? `code ${code}`}); restarting them${next.delayMs ? ` in ${next.delayMs} ms` : ''}, the listeners keep their connections`);
    setTimeout(() => {
      if (!this.deliberate) this.spawn(true);
      else this.finish(0);
    }, next.delayMs);
  }

  /** Listens for the control loops (once per listener: a restarted child gets the same socket). */
  private async listen(child: ChildProcess, request: ListenRequest): Promise<void> {
    const reply = (body: Omit<ListenReply, 'kind' | 'id'>) => {
      if (child.connected) child.send({ kind: 'ecs-twin-listening', id: request.id, ...body } satisfies ListenReply);
    };
    const key = `${request.key}@${request.host}`;
    const existing = this.servers.get(key);
    if (existing) return reply({ boundPort: (existing.address() as AddressInfo).port });
    // pauseOnConnect: nothing is read here; the bytes wait in the kernel for the control loops.
    const server = createServer({ pauseOnConnect: true });
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen({ host: request.host, port: request.port }, () => {
          server.off('error', reject);
          resolve();
        });
      });
    } catch (error) {
      const { code, message } = error as NodeJS.ErrnoException;
      return reply({ error: { code, message } });
    }
    const boundPort = (server.address() as AddressInfo).port;
    server.on('connection', (socket) => this.handOver(boundPort, socket));
    this.servers.set(key, server);
    reply({ boundPort });
  }

  private handOver(boundPort: number, socket: Socket): void {
    const child = this.child;
    if (!this.ready || !child?.connected) return this.wait(boundPort, socket);
    const id = this.nextConnectionId++;
    this.sent.set(id, { boundPort, socket });
    child.send({ kind: 'ecs-twin-connection', id, boundPort } satisfies ConnectionMessage, socket, { keepOpen: true }, (error) => {
      // Not sent (the child went away meanwhile): it waits for the next one.
      if (error && this.sent.delete(id) && !socket.destroyed) this.wait(boundPort, socket);
    });
  }

  private wait(boundPort: number, socket: Socket): void {
    if (this.deliberate || this.waiting.length >= MAX_WAITING) return void socket.destroy();
    socket.on('error', () => undefined);
    this.waiting.push({ boundPort, socket });
  }

  private finish(code: number): void {
    for (const { socket } of [...this.waiting.splice(0), ...this.sent.values()]) socket.destroy();
    this.sent.clear();
    for (const server of this.servers.values()) server.close();
    this.servers.clear();
    this.options.onExit(code);
  }
}

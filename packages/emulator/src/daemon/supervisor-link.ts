// The control loops' side of the supervisor's IPC channel: the listeners'
// sockets (ListenerSockets), the orders, and the ready / stopping signals.
import type { Socket } from 'node:net';
import { ListenerPortInUseError, type ListenerSockets } from '../load-balancer/index.js';
import { isMessage, type ConnectionMessage, type ControlOrders, type ListenReply, type ToSupervisor } from './supervisor-protocol.js';

/** The IPC side of this process (process itself, when started by the supervisor). */
export interface IpcChannel {
  send?(message: unknown, callback?: (error: Error | null) => void): boolean;
  on(event: 'message', listener: (message: unknown, handle?: unknown) => void): unknown;
  readonly connected?: boolean;
}

export class SupervisorLink implements ListenerSockets {
  private nextId = 1;
  private readonly replies = new Map<number, (reply: ListenReply) => void>();
  private readonly takers = new Map<number, (socket: Socket) => void>();
  private readonly orders: Promise<ControlOrders>;

  constructor(private readonly channel: IpcChannel) {
    let gotOrders!: (orders: ControlOrders) => void;
    this.orders = new Promise((resolve) => (gotOrders = resolve));
    channel.on('message', (message, handle) => {
      if (isMessage<ControlOrders>(message, 'ecs-twin-control-orders')) gotOrders(message);
      else if (isMessage<ListenReply>(message, 'ecs-twin-listening')) {
        this.replies.get(message.id)?.(message);
        this.replies.delete(message.id);
      } else if (isMessage<ConnectionMessage>(message, 'ecs-twin-connection')) {
        const socket = handle as Socket | undefined;
        if (!socket) return;
        const take = this.takers.get(message.boundPort);
        if (take) take(socket);
        else socket.destroy(); // the listener closed (stopping) after the supervisor sent it
        void this.send({ kind: 'ecs-twin-took', id: message.id }).catch(() => undefined);
      }
    });
  }

  /** What to serve, from the supervisor. */
  awaitOrders(): Promise<ControlOrders> {
    return this.orders;
  }

  listen(host: string, port: number, key: string): Promise<number> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.replies.set(id, (reply) => {
        if (reply.boundPort !== undefined) return resolve(reply.boundPort);
        const cause = Object.assign(new Error(reply.error?.message ?? 'listen failed'), { code: reply.error?.code });
        reject(reply.error?.code === 'EADDRINUSE' ? new ListenerPortInUseError(port, host, { cause }) : cause);
      });
      this.send({ kind: 'ecs-twin-listen', id, key, host, port }).catch(reject);
    });
  }

  take(boundPort: number, accept: (socket: Socket) => void): () => void {
    this.takers.set(boundPort, accept);
    return () => {
      if (this.takers.get(boundPort) === accept) this.takers.delete(boundPort);
    };
  }

  /** The targets are registered: the supervisor may hand over the connections it holds. */
  ready(): Promise<void> {
    return this.send({ kind: 'ecs-twin-ready' });
  }

  /** A deliberate stop: the supervisor must not restart us. */
  stopping(): Promise<void> {
    return this.send({ kind: 'ecs-twin-stopping' }).catch(() => undefined);
  }

  private send(message: ToSupervisor): Promise<void> {
    return new Promise((resolve, reject) => {
      if (!this.channel.send || this.channel.connected === false) return reject(new Error('no supervisor: the IPC channel is closed'));
      this.channel.send(message, (error) => (error ? reject(error) : resolve()));
    });
  }
}

import { createServer, Socket, type AddressInfo, type Server } from 'node:net';
import { ConnectTimeoutError, UpstreamPool, type UpstreamOwner } from './upstream-pool.js';

function owner(): UpstreamOwner & { closed: Promise<Error | undefined>; data: Buffer[] } {
  let onClose!: (error: Error | undefined) => void;
  const closed = new Promise<Error | undefined>((resolve) => (onClose = resolve));
  const data: Buffer[] = [];
  return { closed, data, onUpstreamData: (chunk) => data.push(chunk), onUpstreamDrain: () => {}, onUpstreamTimeout: () => {}, onUpstreamClose: onClose };
}

describe('UpstreamPool', () => {
  let server: Server;
  let port: number;
  let accepted = 0;
  beforeEach(async () => {
    accepted = 0;
    server = createServer((socket) => {
      accepted += 1;
      socket.on('data', () => socket.write('pong'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterEach(async () => {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
    });
  });

  it('reuses a released connection (LIFO) and opens a new one when asked for a fresh one', async () => {
    const pool = new UpstreamPool('127.0.0.1', port);
    const first = pool.acquire(owner(), 1000);
    first.socket.write('ping');
    await new Promise((resolve) => first.socket.once('data', resolve));
    pool.release(first);
    const again = pool.acquire(owner(), 1000);
    expect(again).toBe(first);
    expect(again.reused).toBe(true);
    const fresh = pool.acquire(owner(), 1000, true);
    expect(fresh).not.toBe(first);
    expect(fresh.reused).toBe(false);
    pool.close();
  });

  it('cuts only busy connections when a drain expires, and tells their owners', async () => {
    const pool = new UpstreamPool('127.0.0.1', port);
    const idle = pool.acquire(owner(), 1000);
    await new Promise((resolve) => idle.socket.once('connect', resolve));
    pool.release(idle);
    const busyOwner = owner();
    pool.acquire(busyOwner, 1000, true);
    pool.destroyBusy();
    await busyOwner.closed;
    expect(idle.socket.destroyed).toBe(false);
    pool.close();
  });

  it('destroys a connection that is not up in time with ConnectTimeoutError (the listener answers 504)', async () => {
    // A socket that never connects stands in for a target that never answers SYNs.
    const pool = new UpstreamPool('127.0.0.1', 9, {
      connectTimeoutMs: 30,
      connect: () => {
        const socket = new Socket();
        (socket as unknown as { connecting: boolean }).connecting = true;
        return socket;
      },
    });
    const waiting = owner();
    pool.acquire(waiting, 10_000);
    const error = await waiting.closed;
    expect(error).toBeInstanceOf(ConnectTimeoutError);
    expect(error!.message).toBe('connect to target 127.0.0.1:9: no connection within 30 ms');
  });
});

// A raw TCP client for protocol-level tests of the listener (pipelining,
// HTTP/1.0, upgrades): writes bytes, collects everything until the server closes
// or until `until` matches.
import { connect, type Socket } from 'node:net';

export interface RawExchange {
  readonly socket: Socket;
  /** Resolves with all bytes read once `until` matches them or the server closes. */
  read(until?: (text: string) => boolean): Promise<string>;
}

export async function rawConnect(port: number): Promise<RawExchange> {
  const socket = connect({ host: '127.0.0.1', port });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  let received = '';
  let closed = false;
  const waiters: (() => void)[] = [];
  socket.on('data', (chunk: Buffer) => {
    received += chunk.toString('latin1');
    waiters.splice(0).forEach((wake) => wake());
  });
  socket.on('close', () => {
    closed = true;
    waiters.splice(0).forEach((wake) => wake());
  });
  socket.on('error', () => {});
  return {
    socket,
    async read(until) {
      while (!closed && !(until && until(received))) await new Promise<void>((resolve) => waiters.push(resolve));
      return received;
    },
  };
}

/** Counts complete "HTTP/1.1 NNN" status lines in a byte stream. */
export function statusLines(text: string): string[] {
  return text.match(/HTTP\/1\.1 \d{3}[^\r]*/g) ?? [];
}

// The listener against request smuggling and oversized heads, over real
// sockets, with Node's strict HTTP parser as the target: what it reads is
// exactly what the listener sent upstream (issue 10, item 1).
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { Listener } from './listener.js';
import { TargetGroup } from './target-group.js';
import { albWithOneTarget, startAlb, targetGroupSpec, type StartedAlb } from './testing/fixtures.js';
import { rawConnect, statusLines } from './testing/raw-client.js';
import { startStrictTarget, type StrictTarget } from './testing/desync-replay.js';
import { startRawTarget } from './testing/target-servers.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const albWith = (port: number): Promise<StartedAlb> => albWithOneTarget(port, cleanups);

async function strictSetup(): Promise<{ lb: StartedAlb; target: StrictTarget }> {
  const target = await startStrictTarget();
  cleanups.push(target.close);
  return { lb: await albWith(target.port), target };
}

/** Sends `bytes` in one write and reads until the listener closes. */
async function exchange(port: number, bytes: string | Buffer): Promise<string> {
  const client = await rawConnect(port);
  client.socket.write(bytes);
  return client.read();
}

function nonCompliantCount(lb: StartedAlb): number | undefined {
  return lb.alb.listeners()[0]!.DesyncMitigationMode_NonCompliant_Request_Count;
}

describe('listener: request smuggling', () => {
  it('answers 400 to a bare LF ending the trailers, and the target reads no request at all', async () => {
    const { lb, target } = await strictSetup();
    const text = await exchange(lb.port, 'POST /public HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\nGET /admin-only HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(statusLines(text)).toEqual(['HTTP/1.1 400 Bad Request']);
    expect(target.requests.map((request) => request.url)).not.toContain('/admin-only');
    expect(target.requests).toHaveLength(0);
  });

  it('answers 502 when a response body hides a second response behind a bare LF', async () => {
    const raw = await startRawTarget('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\nHTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nevil!');
    cleanups.push(raw.close);
    const lb = await albWith(raw.port);
    const client = await rawConnect(lb.port);
    client.socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\nGET /next HTTP/1.1\r\nHost: x\r\n\r\n');
    const text = await client.read((t) => statusLines(t).length >= 1 && t.includes('</html>'));
    client.socket.destroy();
    expect(statusLines(text)[0]).toBe('HTTP/1.1 502 Bad Gateway');
    expect(text).not.toContain('evil!');
  });

  it.each([
    ['chunked twice', 'Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked'],
    ['chunked, chunked', 'Transfer-Encoding: chunked, chunked'],
    [',chunked', 'Transfer-Encoding: ,chunked'],
    ['chunked padded with a VT', 'Transfer-Encoding: chunked\x0b'],
    ['a Content-Length padded with an NBSP', 'Content-Length: 5\xa0'],
  ])('answers 400 to %s (Severe) and forwards nothing', async (_what, framing) => {
    const { lb, target } = await strictSetup();
    const text = await exchange(lb.port, Buffer.from(`POST / HTTP/1.1\r\nHost: x\r\n${framing}\r\n\r\n5\r\nhello\r\n0\r\n\r\n`, 'latin1'));
    expect(statusLines(text)).toEqual(['HTTP/1.1 400 Bad Request']);
    expect(target.requests).toHaveLength(0);
    expect(nonCompliantCount(lb)).toBe(1);
  });

  it('forwards an Ambiguous request once, then closes the client and the target connection, and counts it', async () => {
    const target = await startStrictTarget();
    cleanups.push(target.close);
    // Watch the target side of the connection: the listener must close it after the response.
    const proxy = await startTcpTap(target.port);
    cleanups.push(proxy.close);
    const lb = await albWith(proxy.port);
    const client = await rawConnect(lb.port);
    client.socket.write('POST /dup HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhello');
    const text = await client.read(); // until the listener closes the client connection
    expect(statusLines(text)).toEqual(['HTTP/1.1 200 OK']);
    expect(text).toContain('Connection: close');
    expect(target.requests).toEqual([expect.objectContaining({ url: '/dup', body: 'hello', traced: true })]);
    expect(target.parseErrors).toEqual([]);
    await proxy.allClosed();
    expect(nonCompliantCount(lb)).toBe(1);
  });

  it.each([
    ['GET with a body', 'GET /g HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello'],
    ['Content_Length', 'POST /u HTTP/1.1\r\nHost: x\r\nContent_Length: 5\r\n\r\n'],
  ])('closes the client connection after an Ambiguous request: %s', async (_what, request) => {
    const { lb, target } = await strictSetup();
    const text = await exchange(lb.port, `${request}GET /after HTTP/1.1\r\nHost: x\r\n\r\n`);
    expect(statusLines(text)).toEqual(['HTTP/1.1 200 OK']);
    expect(target.requests.map((r) => r.url)).not.toContain('/after');
    expect(target.parseErrors).toEqual([]);
  });
});

describe('listener: ALB head size quotas, however the head arrives', () => {
  it.each([
    ['an 80 KiB head', `GET / HTTP/1.1\r\nHost: x\r\n${Array.from({ length: 10 }, (_, i) => `X-${i}: ${'a'.repeat(8 * 1024)}\r\n`).join('')}\r\n`, 400],
    ['a 120 KiB head', `GET / HTTP/1.1\r\nHost: x\r\n${Array.from({ length: 15 }, (_, i) => `X-${i}: ${'a'.repeat(8 * 1024)}\r\n`).join('')}\r\n`, 400],
    ['a 20 KiB header', `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20 * 1024)}\r\n\r\n`, 400],
    ['a 17 KiB request line', `GET /${'a'.repeat(17 * 1024)} HTTP/1.1\r\nHost: x\r\n\r\n`, 414],
  ])('refuses %s sent in one write', async (_what, request, status) => {
    const { lb, target } = await strictSetup();
    const text = await exchange(lb.port, request);
    expect(statusLines(text)[0]).toMatch(new RegExp(`^HTTP/1.1 ${status} `));
    expect(target.requests).toHaveLength(0);
  });

  it('refuses an unfinished header line once it passes 16 KiB, without waiting for the rest', async () => {
    const { lb } = await strictSetup();
    const client = await rawConnect(lb.port);
    client.socket.write(`GET / HTTP/1.1\r\nHost: x\r\nX-Fill: ${'a'.repeat(32 * 1024)}`);
    expect(statusLines(await client.read())).toEqual(['HTTP/1.1 400 Bad Request']);
  });

  it('answers 414 to a long request line as soon as it ends, before the rest of the head', async () => {
    const { lb } = await strictSetup();
    const client = await rawConnect(lb.port);
    client.socket.write(`GET /${'a'.repeat(17 * 1024)} HTTP/1.1\r\nHost: x\r\n`);
    expect(statusLines(await client.read())).toEqual(['HTTP/1.1 414 Request-URI Too Large']);
  });

  it.each([40, 100])('answers 502 to a %i KiB response head', async (kib) => {
    const raw = await startRawTarget(`HTTP/1.1 200 OK\r\n${Array.from({ length: kib / 4 }, (_, i) => `X-${i}: ${'a'.repeat(4 * 1024 - 10)}\r\n`).join('')}Content-Length: 2\r\n\r\nok`);
    cleanups.push(raw.close);
    const lb = await albWith(raw.port);
    const text = await exchange(lb.port, 'GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(statusLines(text)).toEqual(['HTTP/1.1 502 Bad Gateway']);
  });
});

describe('listener: what ALB takes', () => {
  it('answers a head whose lines end in a bare LF at once (Acceptable), forwarded with CRLF', async () => {
    const { lb, target } = await strictSetup();
    const client = await rawConnect(lb.port);
    client.socket.write('GET /lf HTTP/1.1\nHost: x\n\n');
    const text = await client.read((t) => t.endsWith('target'));
    client.socket.destroy();
    expect(statusLines(text)).toEqual(['HTTP/1.1 200 OK']);
    expect(target.requests.map((r) => r.url)).toEqual(['/lf']);
    expect(nonCompliantCount(lb)).toBe(1);
  });

  it('reads pipelined requests whose lines end in a bare LF, also when each is answered at once', async () => {
    const lb = await startAlb(); // no target: each request gets its 503 before the next head is read
    cleanups.push(lb.stop);
    const client = await rawConnect(lb.port);
    client.socket.write('GET /a HTTP/1.1\nHost: x\n\nGET /b HTTP/1.1\nHost: x\n\n');
    const text = await client.read((t) => statusLines(t).length === 2);
    client.socket.destroy();
    expect(statusLines(text)).toEqual(['HTTP/1.1 503 Service Temporarily Unavailable', 'HTTP/1.1 503 Service Temporarily Unavailable']);
  });

  it('relays a target response head whose lines end in a bare LF at once', async () => {
    const raw = await startRawTarget('HTTP/1.1 200 OK\nContent-Length: 2\n\nok');
    cleanups.push(raw.close);
    const lb = await albWith(raw.port);
    const text = await exchange(lb.port, 'GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(statusLines(text)).toEqual(['HTTP/1.1 200 OK']);
    expect(text.endsWith('\r\n\r\nok')).toBe(true);
  });

  it('writes interim response heads anew too, so bare-LF line ends never reach the client', async () => {
    const raw = await startRawTarget('HTTP/1.1 100 Continue\n\nHTTP/1.1 200 OK\nContent-Length: 2\n\nok');
    cleanups.push(raw.close);
    const lb = await albWith(raw.port);
    const text = await exchange(lb.port, 'POST / HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 2\r\n\r\nhi');
    expect(text).toMatch(/^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 200 OK\r\n/);
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('ignores empty lines before a request line (RFC 9112 §2.2) and takes chunk sizes with leading zeros', async () => {
    const { lb, target } = await strictSetup();
    const client = await rawConnect(lb.port);
    client.socket.write('\r\n\r\nPOST /zeros HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n00005\r\nhello\r\n000\r\n\r\n');
    const text = await client.read((t) => t.endsWith('target'));
    client.socket.destroy();
    expect(statusLines(text)).toEqual(['HTTP/1.1 200 OK']);
    expect(target.requests).toEqual([expect.objectContaining({ url: '/zeros', body: 'hello' })]);
  });

  it('forwards a request with a control character in an ordinary header value, leaving that header out', async () => {
    const { lb, target } = await strictSetup();
    const client = await rawConnect(lb.port);
    client.socket.write('GET /ctl HTTP/1.1\r\nHost: x\r\nX-Odd: a\x01b\r\n\r\n');
    const text = await client.read((t) => t.endsWith('target'));
    client.socket.destroy();
    expect(statusLines(text)).toEqual(['HTTP/1.1 200 OK']);
    expect(target.requests.map((r) => r.url)).toEqual(['/ctl']);
    expect(target.parseErrors).toEqual([]);
  });
});

describe('listener: slow heads', () => {
  it('closes a connection whose head is still unfinished at the head deadline, however steadily bytes trickle in', async () => {
    const group = new TargetGroup(targetGroupSpec());
    const listener = new Listener(0, group, { idleTimeoutMs: 5_000, headTimeoutMs: 300, now: () => Date.now() });
    const port = await listener.listen('127.0.0.1', 0);
    cleanups.push(() => listener.close());
    const client = await rawConnect(port);
    const head = 'GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ' + 'a'.repeat(200);
    let sent = 0;
    // One byte every 20 ms: far inside the 5 s idle timeout, so only a whole-head deadline ends it.
    const trickle = setInterval(() => {
      if (sent < head.length && !client.socket.destroyed) client.socket.write(head[sent++]!);
    }, 20);
    cleanups.push(async () => clearInterval(trickle));
    await client.read();
    expect(sent).toBeLessThan(head.length);
  });
});

/** A TCP pass-through in front of a target that reports when every connection through it has closed. */
async function startTcpTap(targetPort: number): Promise<{ port: number; allClosed(): Promise<void>; close(): Promise<void> }> {
  const { connect } = await import('node:net');
  const open = new Set<Socket>();
  let waiters: (() => void)[] = [];
  const server = createServer((inbound) => {
    open.add(inbound);
    const outbound = connect({ host: '127.0.0.1', port: targetPort });
    inbound.pipe(outbound).pipe(inbound);
    inbound.on('error', () => outbound.destroy());
    outbound.on('error', () => inbound.destroy());
    inbound.on('close', () => {
      outbound.destroy();
      open.delete(inbound);
      if (open.size === 0) waiters.splice(0).forEach((wake) => wake());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    allClosed: () => (open.size === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        waiters = [];
        server.close(() => resolve());
      }),
  };
}

// The listener's own HTTP/1.1 handling, checked byte for byte with raw sockets:
// pipelining, HTTP/1.0, HEAD/204/304, chunked bodies both ways, close-delimited
// responses, 100-continue, upgrades, bad requests and aborted clients.
import { TG, albWithOneTarget, startAlb, type StartedAlb } from './testing/fixtures.js';
import { rawConnect, statusLines } from './testing/raw-client.js';
import { eventually, send, startRawTarget, startTarget } from './testing/target-servers.js';
import { createServer, type AddressInfo } from 'node:net';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const albWith = (port: number): Promise<StartedAlb> => albWithOneTarget(port, cleanups);

async function echoTarget() {
  const target = await startTarget('echo', (req, res, body) => {
    if (req.url === '/empty') {
      res.writeHead(204);
      return res.end();
    }
    if (req.url === '/cached') {
      res.writeHead(304, { ETag: '"x"' });
      return res.end();
    }
    res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': String(Buffer.byteLength(`${req.method} ${req.url} ${body}`)) });
    res.end(req.method === 'HEAD' ? undefined : `${req.method} ${req.url} ${body}`);
  });
  cleanups.push(target.close);
  return target;
}

describe('listener HTTP/1.1 relay (raw sockets)', () => {
  it('answers pipelined requests in order on one connection', async () => {
    const lb = await albWith((await echoTarget()).port);
    const client = await rawConnect(lb.port);
    client.socket.write('GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\nPOST /c HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc');
    const text = await client.read((t) => t.includes('POST /c abc'));
    expect(statusLines(text)).toEqual(['HTTP/1.1 200 OK', 'HTTP/1.1 200 OK', 'HTTP/1.1 200 OK']);
    expect(text.indexOf('GET /a')).toBeLessThan(text.indexOf('GET /b'));
    expect(text.indexOf('GET /b')).toBeLessThan(text.indexOf('POST /c abc'));
    client.socket.destroy();
  });

  it('sends no body for HEAD, 204 and 304, and keeps the connection usable', async () => {
    const lb = await albWith((await echoTarget()).port);
    const client = await rawConnect(lb.port);
    client.socket.write('HEAD /h HTTP/1.1\r\nHost: x\r\n\r\nGET /empty HTTP/1.1\r\nHost: x\r\n\r\nGET /cached HTTP/1.1\r\nHost: x\r\n\r\nGET /last HTTP/1.1\r\nHost: x\r\n\r\n');
    const text = await client.read((t) => t.includes('GET /last '));
    expect(statusLines(text)).toEqual(['HTTP/1.1 200 OK', 'HTTP/1.1 204 No Content', 'HTTP/1.1 304 Not Modified', 'HTTP/1.1 200 OK']);
    expect(text).not.toContain('HEAD /h');
    client.socket.destroy();
  });

  it('relays a chunked request body to the target', async () => {
    const target = await echoTarget();
    const lb = await albWith(target.port);
    const client = await rawConnect(lb.port);
    client.socket.write('POST /up HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n');
    await new Promise((resolve) => setTimeout(resolve, 20));
    client.socket.write('2\r\nde\r\n0\r\n\r\n');
    expect(await client.read((t) => t.includes('POST /up abcde'))).toContain('HTTP/1.1 200 OK');
    client.socket.destroy();
  });

  it('relays a close-delimited response and then closes the client connection', async () => {
    const raw = await startRawTarget('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nall of it');
    cleanups.push(raw.close);
    const lb = await albWith(raw.port);
    const client = await rawConnect(lb.port);
    client.socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    const text = await client.read(); // until the listener closes
    expect(text).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(text).toContain('Connection: close\r\n');
    expect(text.endsWith('\r\n\r\nall of it')).toBe(true);
  });

  it('serves an HTTP/1.0 client and closes after the response', async () => {
    const lb = await albWith((await echoTarget()).port);
    const client = await rawConnect(lb.port);
    client.socket.write('GET /old HTTP/1.0\r\n\r\n');
    const text = await client.read();
    expect(text).toContain('GET /old ');
    expect(text).toContain('Connection: close');
  });

  it('passes 100 Continue through before the final response', async () => {
    const target = await echoTarget();
    const lb = await albWith(target.port);
    const client = await rawConnect(lb.port);
    client.socket.write('POST /big HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n');
    await client.read((t) => t.includes('100 Continue'));
    client.socket.write('data');
    const text = await client.read((t) => t.includes('POST /big data'));
    expect(statusLines(text)).toEqual(['HTTP/1.1 100 Continue', 'HTTP/1.1 200 OK']);
    client.socket.destroy();
  });

  it('tunnels an upgraded connection both ways', async () => {
    // A target that accepts any upgrade and then echoes bytes in upper case.
    const server = createServer((socket) => {
      let upgraded = false;
      socket.on('data', (chunk) => {
        if (!upgraded) {
          upgraded = true;
          socket.write('HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: echo\r\n\r\n');
          return;
        }
        socket.write(chunk.toString().toUpperCase());
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const lb = await albWith((server.address() as AddressInfo).port);
    const client = await rawConnect(lb.port);
    client.socket.write('GET /ws HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: echo\r\n\r\n');
    await client.read((t) => t.includes('\r\n\r\n'));
    client.socket.write('hello');
    const text = await client.read((t) => t.includes('HELLO'));
    expect(text).toMatch(/^HTTP\/1\.1 101 Switching Protocols\r\n[\s\S]*Upgrade: echo\r\n/);
    expect(lb.alb.describeTargetHealth(TG)).toHaveLength(1);
    client.socket.destroy();
  });

  it('answers 400 to a malformed request and closes', async () => {
    const target = await echoTarget();
    const lb = await albWith(target.port);
    const client = await rawConnect(lb.port);
    client.socket.write('POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n');
    const text = await client.read();
    expect(text).toMatch(/^HTTP\/1\.1 400 Bad Request\r\nServer: awselb\/2\.0\r\n/);
    expect(target.requests).toHaveLength(0);
  });

  it('answers each pipelined request with 503 when there is no target', async () => {
    const lb = await startAlb();
    cleanups.push(lb.stop);
    const client = await rawConnect(lb.port);
    client.socket.write('GET /a HTTP/1.1\r\nHost: x\r\n\r\nTRACE /b HTTP/1.1\r\nHost: x\r\n\r\nGET /c HTTP/1.1\r\nHost: x\r\n\r\n');
    const text = await client.read((t) => statusLines(t).length === 3);
    expect(statusLines(text)).toEqual(['HTTP/1.1 503 Service Temporarily Unavailable', 'HTTP/1.1 405 Method Not Allowed', 'HTTP/1.1 503 Service Temporarily Unavailable']);
    client.socket.destroy();
  });

  it('answers 400 to a chunked request body with broken framing, and drops the target connection', async () => {
    const target = await echoTarget();
    const lb = await albWith(target.port);
    const client = await rawConnect(lb.port);
    client.socket.write('POST /up HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n');
    const text = await client.read();
    expect(statusLines(text)).toEqual(['HTTP/1.1 400 Bad Request']);
    await lb.alb.deregisterTargets(TG, ['t']); // nothing left in flight
  });

  it('closes the client connection when the target answers before the request body is complete', async () => {
    // A raw target answers as soon as the head arrives, before the body.
    const raw = await startRawTarget('HTTP/1.1 413 Payload Too Large\r\nContent-Length: 0\r\n\r\n');
    cleanups.push(raw.close);
    const lb = await albWith(raw.port);
    const client = await rawConnect(lb.port);
    client.socket.write('POST /up HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nonly part');
    const text = await client.read();
    expect(statusLines(text)).toEqual(['HTTP/1.1 413 Payload Too Large']);
    expect(text).toContain('Connection: close');
  });

  it('answers 405 to TRACE, as ALB does', async () => {
    const lb = await albWith((await echoTarget()).port);
    expect((await send(lb.port, { method: 'TRACE' })).status).toBe(405);
  });

  it('relays a large response intact (backpressure both ways)', async () => {
    const big = Buffer.alloc(8 * 1024 * 1024, 'x');
    const target = await startTarget('big', (_req, res) => {
      res.writeHead(200, { 'Content-Length': String(big.length) });
      res.end(big);
    });
    cleanups.push(target.close);
    const lb = await albWith(target.port);
    const res = await send(lb.port);
    expect(res.body.length).toBe(big.length);
  });

  it('frees the target when the client goes away mid-response', async () => {
    const target = await startTarget('slow', (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.write('partial');
    });
    cleanups.push(target.close);
    const lb = await albWith(target.port);
    const client = await rawConnect(lb.port);
    client.socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    await client.read((t) => t.includes('partial'));
    client.socket.destroy();
    // Nothing is left in flight: deregistration resolves at once, without the 300 s delay.
    await lb.alb.deregisterTargets(TG, ['t']);
    await eventually(() => lb.alb.describeTargetHealth(TG).length === 0);
  });
});

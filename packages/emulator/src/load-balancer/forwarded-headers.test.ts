import { clientAddress, forwardedRequestHeaders, relayedResponseHeaders, serializeHead } from './forwarded-headers.js';

function asMap(flat: string[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (let i = 0; i < flat.length; i += 2) {
    const name = flat[i]!.toLowerCase();
    map.set(name, [...(map.get(name) ?? []), flat[i + 1]!]);
  }
  return map;
}

describe('forwardedRequestHeaders', () => {
  it('adds the X-Forwarded-* headers and a trace id', () => {
    const headers = asMap(forwardedRequestHeaders(['Host', 'example', 'Accept', '*/*'], '127.0.0.1', '8000', 0));
    expect(headers.get('host')).toEqual(['example']);
    expect(headers.get('accept')).toEqual(['*/*']);
    expect(headers.get('x-forwarded-for')).toEqual(['127.0.0.1']);
    expect(headers.get('x-forwarded-proto')).toEqual(['http']);
    expect(headers.get('x-forwarded-port')).toEqual(['8000']);
    expect(headers.get('x-amzn-trace-id')?.[0]).toMatch(/^Root=1-00000000-[0-9a-f]{24}$/);
  });

  it('appends the client to an incoming X-Forwarded-For (repeated headers included)', () => {
    const raw = ['X-Forwarded-For', '203.0.113.7', 'x-forwarded-for', '198.51.100.1'];
    expect(asMap(forwardedRequestHeaders(raw, '127.0.0.1', '8000', 0)).get('x-forwarded-for')).toEqual([
      '203.0.113.7, 198.51.100.1, 127.0.0.1',
    ]);
  });

  it('overwrites an incoming proto and port, and drops hop-by-hop headers', () => {
    const raw = ['X-Forwarded-Proto', 'https', 'X-Forwarded-Port', '443', 'Connection', 'keep-alive', 'Keep-Alive', 'timeout=5', 'Transfer-Encoding', 'chunked', 'Upgrade', 'h2c'];
    const headers = asMap(forwardedRequestHeaders(raw, '127.0.0.1', '8001', 0));
    expect(headers.get('x-forwarded-proto')).toEqual(['http']);
    expect(headers.get('x-forwarded-port')).toEqual(['8001']);
    expect(headers.has('connection')).toBe(false);
    expect(headers.has('keep-alive')).toBe(false);
    expect(headers.has('upgrade')).toBe(false);
    // Kept: the body is relayed byte for byte.
    expect(headers.get('transfer-encoding')).toEqual(['chunked']);
  });
});

describe('relayedResponseHeaders', () => {
  it('keeps end-to-end and framing headers (repeats too), drops connection headers', () => {
    const raw = ['Set-Cookie', 'a=1', 'Set-Cookie', 'b=2', 'Connection', 'keep-alive', 'Keep-Alive', 'timeout=5', 'Transfer-Encoding', 'chunked', 'Content-Type', 'text/plain'];
    expect(relayedResponseHeaders(raw, ['keep-alive'])).toEqual(['Set-Cookie', 'a=1', 'Set-Cookie', 'b=2', 'Transfer-Encoding', 'chunked', 'Content-Type', 'text/plain']);
  });

  it('drops headers the target names in Connection, and states the client connection when asked', () => {
    expect(relayedResponseHeaders(['X-Hop', '1', 'X-Keep', '2', 'Connection', 'X-Hop'], ['x-hop'], 'close')).toEqual(['X-Keep', '2', 'Connection', 'close']);
  });
});

describe('serializeHead', () => {
  it('writes the start line, one line per header and the blank line', () => {
    expect(serializeHead('GET / HTTP/1.1', ['Host', 'a', 'X-A', '1'])).toBe('GET / HTTP/1.1\r\nHost: a\r\nX-A: 1\r\n\r\n');
  });
});

describe('clientAddress', () => {
  it('strips the IPv4-mapped prefix', () => {
    expect(clientAddress('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(clientAddress('127.0.0.1')).toBe('127.0.0.1');
  });
});

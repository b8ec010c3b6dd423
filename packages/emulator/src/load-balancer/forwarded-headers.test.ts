import { clientAddress, forwardedRequestHeaders, forwardedResponseHeaders } from './forwarded-headers.js';

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
    const raw = ['X-Forwarded-Proto', 'https', 'X-Forwarded-Port', '443', 'Connection', 'keep-alive', 'Keep-Alive', 'timeout=5', 'Transfer-Encoding', 'chunked'];
    const headers = asMap(forwardedRequestHeaders(raw, '127.0.0.1', '8001', 0));
    expect(headers.get('x-forwarded-proto')).toEqual(['http']);
    expect(headers.get('x-forwarded-port')).toEqual(['8001']);
    expect(headers.has('connection')).toBe(false);
    expect(headers.has('keep-alive')).toBe(false);
    // Kept so the body is re-framed on the target connection.
    expect(headers.get('transfer-encoding')).toEqual(['chunked']);
  });
});

describe('forwardedResponseHeaders', () => {
  it('keeps end-to-end headers (repeats too) and drops framing and connection headers', () => {
    const raw = ['Set-Cookie', 'a=1', 'Set-Cookie', 'b=2', 'Connection', 'keep-alive', 'Keep-Alive', 'timeout=5', 'Transfer-Encoding', 'chunked', 'Content-Type', 'text/plain'];
    expect(forwardedResponseHeaders(raw)).toEqual(['Set-Cookie', 'a=1', 'Set-Cookie', 'b=2', 'Content-Type', 'text/plain']);
  });
});

describe('clientAddress', () => {
  it('strips the IPv4-mapped prefix', () => {
    expect(clientAddress('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(clientAddress('127.0.0.1')).toBe('127.0.0.1');
  });
});

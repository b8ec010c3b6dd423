// Request smuggling and size limits in the pure HTTP/1.1 parts: chunked
// framing, head limits (ALB's quotas), and the desync tiers ALB's defensive
// mode acts on. The whole corpus goes through a real listener in
// ../desync-corpus.test.ts.
import { bodyTracker } from './body-tracker.js';
import { findHeadEnd, MalformedMessageError } from './message-head.js';
import { parseRequestHead } from './request-head.js';
import { parseResponseHead } from './response-head.js';

function request(text: string) {
  const buffer = Buffer.from(text, 'latin1');
  const end = findHeadEnd(buffer);
  if (end < 0) throw new Error('incomplete head');
  return parseRequestHead(buffer, end);
}

function rejection(text: string): MalformedMessageError {
  try {
    request(text);
  } catch (error) {
    if (error instanceof MalformedMessageError) return error;
    throw error;
  }
  throw new Error('not rejected');
}

function chunked(text: string) {
  const tracker = bodyTracker({ kind: 'chunked' });
  const taken = tracker.consume(Buffer.from(text, 'latin1'), 0);
  return { taken, done: tracker.done };
}

describe('chunked framing', () => {
  it.each([
    ['a bare LF ending the last chunk line', '0\n\r\n'],
    ['a bare LF ending the empty trailer line (the smuggling request of issue 10)', '0\r\n\nGET /admin-only HTTP/1.1\r\nHost: x\r\n\r\n'],
    ['a bare LF ending a trailer field', '0\r\nExpires: never\n\r\n'],
    ['a bare LF after chunk data', '3\r\nabc\n0\r\n\r\n'],
  ])('rejects %s', (_what, text) => {
    expect(() => chunked(text)).toThrow(MalformedMessageError);
  });

  it('bounds chunk extensions', () => {
    expect(() => chunked(`5;ext=${'x'.repeat(1024 * 1024)}\r\nhello\r\n0\r\n\r\n`)).toThrow(MalformedMessageError);
    expect(chunked('5;name=value\r\nhello\r\n0\r\n\r\n').done).toBe(true);
  });

  it('takes chunk sizes with leading zeros', () => {
    const text = '00000000000000000005\r\nhello\r\n000\r\n\r\n';
    expect(chunked(text)).toEqual({ taken: text.length, done: true });
  });
});

describe('head size limits (ALB quotas: request line 16K, one header 16K, whole request head 64K, response head 32K)', () => {
  it('answers 414 to a request line over 16 KiB', () => {
    expect(rejection(`GET /${'a'.repeat(17 * 1024)} HTTP/1.1\r\nHost: x\r\n\r\n`).status).toBe(414);
  });

  it('answers 400 to one header over 16 KiB', () => {
    expect(rejection(`GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20 * 1024)}\r\n\r\n`).status).toBe(400);
  });

  it('answers 400 to a whole head over 64 KiB, even one that arrives complete', () => {
    const headers = Array.from({ length: 10 }, (_, i) => `X-Part-${i}: ${'a'.repeat(8 * 1024)}\r\n`).join('');
    expect(rejection(`GET / HTTP/1.1\r\nHost: x\r\n${headers}\r\n`).status).toBe(400);
  });

  it('takes heads just under each limit', () => {
    expect(request(`GET /${'a'.repeat(16 * 1024 - 20)} HTTP/1.1\r\nX-Big: ${'b'.repeat(16 * 1024 - 10)}\r\n\r\n`).tier).toBe('Compliant');
  });

  it('refuses a response head over 32 KiB', () => {
    const text = `HTTP/1.1 200 OK\r\nX-Big: ${'a'.repeat(20 * 1024)}\r\nX-Big2: ${'a'.repeat(20 * 1024)}\r\nContent-Length: 0\r\n\r\n`;
    const buffer = Buffer.from(text, 'latin1');
    expect(() => parseResponseHead(buffer, findHeadEnd(buffer), 'GET')).toThrow(MalformedMessageError);
  });
});

describe('desync tiers', () => {
  it.each([
    ['Transfer-Encoding: chunked twice', 'Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked'],
    ['chunked, chunked', 'Transfer-Encoding: chunked, chunked'],
    [',chunked', 'Transfer-Encoding: ,chunked'],
    ['an unknown coding', 'Transfer-Encoding: xchunked'],
    ['chunked padded with VT', 'Transfer-Encoding: \x0bchunked'],
    ['chunked padded with FF', 'Transfer-Encoding: chunked\x0c'],
    ['chunked padded with NBSP', 'Transfer-Encoding: \xa0chunked'],
    ['a Content-Length padded with VT', 'Content-Length: 3\x0b'],
    ['a Content-Length padded with FF', 'Content-Length: \x0c3'],
    ['a Content-Length padded with NBSP', 'Content-Length: 3\xa0'],
    ['two different Content-Lengths', 'Content-Length: 3\r\nContent-Length: 4'],
    ['a NUL in a value', 'X-A: a\x00b'],
    ['a bare CR in a value', 'X-A: a\rb'],
    ['a line without a colon', 'X-A'],
    ['obsolete line folding', 'X-A: 1\r\n  folded'],
  ])('Severe: %s is rejected with 400', (_what, headers) => {
    const error = rejection(`POST / HTTP/1.1\r\nHost: x\r\n${headers}\r\n\r\n`);
    expect(error.status).toBe(400);
    expect(error.nonCompliant).toBe(true);
  });

  it('Ambiguous: an identical duplicate Content-Length is forwarded once', () => {
    const head = request('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\n');
    expect(head.tier).toBe('Ambiguous');
    expect(head.framing).toEqual({ kind: 'length', length: 3 });
    expect(head.headers).toEqual(['Host', 'x', 'Content-Length', '3']);
  });

  it.each(['Content_Length: 5', 'Transfer_Encoding: chunked', 'Transfer-Encoding : chunked', '\x01Content-Length: 5', 'Tran\xc5\xbffer-Encoding: chunked'])(
    'Ambiguous: the look-alike framing header %j is not forwarded and frames nothing',
    (line) => {
      const head = request(`POST / HTTP/1.1\r\nHost: x\r\n${line}\r\n\r\n`);
      expect(head.tier).toBe('Ambiguous');
      expect(head.framing).toEqual({ kind: 'none' });
      expect(head.headers).toEqual(['Host', 'x']);
    },
  );

  it('Ambiguous: Transfer-Encoding with Content-Length is forwarded chunked, without the Content-Length', () => {
    const head = request('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n');
    expect(head.tier).toBe('Ambiguous');
    expect(head.framing).toEqual({ kind: 'chunked' });
    expect(head.headers).toEqual(['Host', 'x', 'Transfer-Encoding', 'chunked']);
  });

  it.each(['GET', 'HEAD'])('Ambiguous: %s with a body', (method) => {
    expect(request(`${method} / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\n`).tier).toBe('Ambiguous');
    expect(request(`${method} / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n`).tier).toBe('Ambiguous');
    expect(request(`${method} / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n`).tier).toBe('Acceptable');
  });

  it('Acceptable: a control character in an ordinary header value; the header is not forwarded', () => {
    const head = request('GET / HTTP/1.1\r\nHost: x\r\nX-A: a\x01b\r\nX-B: ok\r\n\r\n');
    expect(head.tier).toBe('Acceptable');
    expect(head.headers).toEqual(['Host', 'x', 'X-B', 'ok']);
  });

  it('Acceptable: a head whose lines end in a bare LF is read, and forwarded with CRLF', () => {
    const buffer = Buffer.from('GET /lf HTTP/1.1\nHost: x\n\nNEXT', 'latin1');
    const end = findHeadEnd(buffer);
    expect(end).toBe(buffer.length - 4);
    const head = parseRequestHead(buffer, end);
    expect(head).toMatchObject({ method: 'GET', target: '/lf', tier: 'Acceptable', headers: ['Host', 'x'] });
  });

  it('Acceptable: a space or an HTTP/1.2 version; Compliant: UTF-8 in the target, percent-encoded when forwarded', () => {
    expect(request('GET /a?q=not escaped HTTP/1.1\r\nHost: x\r\n\r\n')).toMatchObject({ target: '/a?q=not%20escaped', tier: 'Acceptable' });
    expect(request('GET / HTTP/1.2\r\nHost: x\r\n\r\n')).toMatchObject({ version: 'HTTP/1.1', tier: 'Acceptable' });
    expect(request('GET /\xd1\x81 HTTP/1.1\r\nHost: x\r\n\r\n')).toMatchObject({ target: '/%D1%81', tier: 'Compliant' });
  });

  it('reads a response head whose lines end in a bare LF', () => {
    const buffer = Buffer.from('HTTP/1.1 200 OK\nContent-Length: 2\n\nok', 'latin1');
    const head = parseResponseHead(buffer, findHeadEnd(buffer), 'GET');
    expect(head).toMatchObject({ statusCode: 200, framing: { kind: 'length', length: 2 } });
  });

  it('refuses a response that is chunked twice', () => {
    const buffer = Buffer.from('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, chunked\r\n\r\n', 'latin1');
    expect(() => parseResponseHead(buffer, findHeadEnd(buffer), 'GET')).toThrow(MalformedMessageError);
  });
});

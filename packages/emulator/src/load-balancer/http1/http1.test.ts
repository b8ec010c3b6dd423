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

function response(text: string, method = 'GET') {
  const buffer = Buffer.from(text, 'latin1');
  return parseResponseHead(buffer, findHeadEnd(buffer), method);
}

describe('findHeadEnd', () => {
  it('finds the blank line, also across a resumed search', () => {
    const buffer = Buffer.from('GET / HTTP/1.1\r\nHost: a\r\n\r\nrest');
    expect(findHeadEnd(buffer)).toBe(buffer.length - 4);
    expect(findHeadEnd(buffer, 25)).toBe(buffer.length - 4);
    expect(findHeadEnd(Buffer.from('GET / HTTP/1.1\r\nHost: a\r\n'))).toBe(-1);
  });
});

describe('parseRequestHead', () => {
  it('reads method, target, version and headers as sent', () => {
    const head = request('GET /users?x=1 HTTP/1.1\r\nHost: api\r\nX-A: 1\r\nx-a: 2\r\n\r\n');
    expect(head).toMatchObject({ method: 'GET', target: '/users?x=1', version: 'HTTP/1.1', keepAlive: true, upgrade: false });
    expect(head.headers).toEqual(['Host', 'api', 'X-A', '1', 'x-a', '2']);
    expect(head.framing).toEqual({ kind: 'none' });
  });

  it('derives body framing', () => {
    expect(request('POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\n').framing).toEqual({ kind: 'length', length: 5 });
    expect(request('POST / HTTP/1.1\r\nContent-Length: 0\r\n\r\n').framing).toEqual({ kind: 'none' });
    expect(request('POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n').framing).toEqual({ kind: 'chunked' });
  });

  it('follows HTTP/1.0 and HTTP/1.1 keep-alive rules', () => {
    expect(request('GET / HTTP/1.1\r\nConnection: close\r\n\r\n').keepAlive).toBe(false);
    expect(request('GET / HTTP/1.0\r\n\r\n').keepAlive).toBe(false);
    expect(request('GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n').keepAlive).toBe(true);
  });

  it('notices an upgrade request', () => {
    expect(request('GET /ws HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n').upgrade).toBe(true);
  });

  it.each([
    ['a request line without a target', 'GET\r\n\r\n'],
    ['an unknown version', 'GET / HTTP/2.0\r\n\r\n'],
    ['a bad method', 'G(T / HTTP/1.1\r\n\r\n'],
    ['obsolete line folding', 'GET / HTTP/1.1\r\nX-A: 1\r\n  folded\r\n\r\n'],
    ['conflicting Content-Lengths', 'POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n'],
    ['a non-numeric Content-Length', 'POST / HTTP/1.1\r\nContent-Length: 3x\r\n\r\n'],
    ['Transfer-Encoding not ending in chunked', 'POST / HTTP/1.1\r\nTransfer-Encoding: chunked, gzip\r\n\r\n'],
  ])('rejects %s', (_what, text) => {
    expect(() => request(text)).toThrow(MalformedMessageError);
  });
});

describe('parseResponseHead', () => {
  it('reads status, reason, headers and keep-alive', () => {
    const head = response('HTTP/1.1 201 Created\r\nContent-Length: 2\r\nSet-Cookie: a\r\nSet-Cookie: b\r\n\r\n');
    expect(head).toMatchObject({ statusCode: 201, reason: 'Created', keepAlive: true, framing: { kind: 'length', length: 2 } });
    expect(head.headers).toEqual(['Content-Length', '2', 'Set-Cookie', 'a', 'Set-Cookie', 'b']);
    expect(response('HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 1\r\n\r\n').keepAlive).toBe(false);
    expect(response('HTTP/1.1 200\r\n\r\n').reason).toBe('');
  });

  it.each([
    ['HEAD', 'HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n', 'none'],
    ['GET', 'HTTP/1.1 204 No Content\r\n\r\n', 'none'],
    ['GET', 'HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n', 'none'],
    ['GET', 'HTTP/1.1 100 Continue\r\n\r\n', 'none'],
    ['GET', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n', 'chunked'],
    ['GET', 'HTTP/1.1 200 OK\r\n\r\n', 'close'],
    ['GET', 'HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n', 'none'],
  ])('%s answered with %j has body framing %s', (method, text, kind) => {
    expect(response(text, method).framing.kind).toBe(kind);
  });

  it('rejects what is not HTTP', () => {
    expect(() => response('this is not HTTP\r\n\r\n')).toThrow(MalformedMessageError);
  });
});

describe('bodyTracker', () => {
  it('counts a Content-Length body and leaves the rest for the next message', () => {
    const tracker = bodyTracker({ kind: 'length', length: 5 });
    expect(tracker.consume(Buffer.from('abc'), 0)).toBe(3);
    expect(tracker.done).toBe(false);
    expect(tracker.consume(Buffer.from('xdeGET'), 1)).toBe(2);
    expect(tracker.done).toBe(true);
  });

  it('follows chunked framing with extensions and trailers, split anywhere', () => {
    const body = '4;ext=1\r\nWiki\r\n5\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n0\r\nExpires: never\r\n\r\n';
    const wire = Buffer.from(body + 'NEXT');
    for (let split = 0; split <= body.length; split++) {
      const tracker = bodyTracker({ kind: 'chunked' });
      const first = tracker.consume(wire.subarray(0, split), 0);
      const second = tracker.consume(wire, split);
      expect(first + second).toBe(body.length);
      expect(tracker.done).toBe(true);
    }
  });

  it('ends a chunked body without trailers at the empty line', () => {
    const tracker = bodyTracker({ kind: 'chunked' });
    expect(tracker.consume(Buffer.from('0\r\n\r\nX'), 0)).toBe(5);
    expect(tracker.done).toBe(true);
  });

  it.each(['zz\r\n', '4\r\nWikiXX', '4\nWiki\r\n', '\r\n'])('rejects malformed chunking %j', (text) => {
    expect(() => bodyTracker({ kind: 'chunked' }).consume(Buffer.from(text), 0)).toThrow(MalformedMessageError);
  });

  it('a close-delimited body takes everything and never ends by itself', () => {
    const tracker = bodyTracker({ kind: 'close' });
    expect(tracker.consume(Buffer.from('anything'), 0)).toBe(8);
    expect(tracker.done).toBe(false);
  });
});

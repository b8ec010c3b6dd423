// A client's request head, parsed strictly enough that what the ALB forwards is
// exactly one well-delimited request (see message-head.ts).
import {
  connectionTokens,
  framingHeaders,
  headLines,
  headerValue,
  MalformedMessageError,
  parseHeaderLines,
  TOKEN,
  type BodyFraming,
  type RawHeaders,
} from './message-head.js';

export interface RequestHead {
  readonly method: string;
  /** The request target as sent (`/users?x=1`). */
  readonly target: string;
  /** "HTTP/1.1" or "HTTP/1.0". */
  readonly version: string;
  readonly headers: RawHeaders;
  readonly framing: BodyFraming;
  /** The client wants the connection kept open after this exchange. */
  readonly keepAlive: boolean;
  /** An `Upgrade` (e.g. WebSocket) is asked for. */
  readonly upgrade: boolean;
}

const VERSION = /^HTTP\/1\.[01]$/;

export function parseRequestHead(buffer: Buffer, headEnd: number): RequestHead {
  const lines = headLines(buffer, headEnd);
  const requestLine = lines[0]!;
  const firstSpace = requestLine.indexOf(' ');
  const lastSpace = requestLine.lastIndexOf(' ');
  if (firstSpace <= 0 || lastSpace === firstSpace) throw new MalformedMessageError(`invalid request line ${JSON.stringify(requestLine.slice(0, 60))}`);
  const method = requestLine.slice(0, firstSpace);
  const target = requestLine.slice(firstSpace + 1, lastSpace);
  const version = requestLine.slice(lastSpace + 1);
  if (!TOKEN.test(method)) throw new MalformedMessageError(`invalid method ${JSON.stringify(method.slice(0, 20))}`);
  if (!VERSION.test(version)) throw new MalformedMessageError(`unsupported version ${JSON.stringify(version.slice(0, 20))}`);
  if (target === '' || /[\x00-\x20\x7f]/.test(target)) throw new MalformedMessageError('invalid request target');
  const headers = parseHeaderLines(lines, 1, lines.length);
  const { contentLength, chunked, transferEncoding } = framingHeaders(headers);
  if (transferEncoding && !chunked) throw new MalformedMessageError('Transfer-Encoding without a final chunked coding');
  const framing: BodyFraming = chunked
    ? { kind: 'chunked' }
    : contentLength !== undefined && contentLength > 0
      ? { kind: 'length', length: contentLength }
      : { kind: 'none' };
  const tokens = connectionTokens(headers);
  const keepAlive = version === 'HTTP/1.1' ? !tokens.includes('close') : tokens.includes('keep-alive');
  const upgrade = tokens.includes('upgrade') && headerValue(headers, 'upgrade') !== undefined;
  return { method, target, version, headers, framing, keepAlive, upgrade };
}

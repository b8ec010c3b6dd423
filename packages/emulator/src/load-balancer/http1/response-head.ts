// A target's response head, and how its body is delimited given the request
// it answers (HEAD, 1xx, 204 and 304 carry no body whatever the headers say).
import {
  connectionTokens,
  framingHeaders,
  MalformedMessageError,
  MAX_RESPONSE_HEAD_BYTES,
  parseHeaderLines,
  splitHead,
  type BodyFraming,
  type RawHeaders,
} from './message-head.js';

export interface ResponseHead {
  readonly version: string;
  readonly statusCode: number;
  /** Reason phrase as sent (may be empty). */
  readonly reason: string;
  readonly headers: RawHeaders;
  /** The target will keep the connection open after this response. */
  readonly keepAlive: boolean;
  readonly framing: BodyFraming;
}

const STATUS_LINE = /^(HTTP\/1\.[01]) (\d{3})(?: (.*))?$/;

export function parseResponseHead(buffer: Buffer, headEnd: number, requestMethod: string): ResponseHead {
  // ALB answers 502 to a response head over its 32 KiB quota. Lines ending in a bare LF are read (as nginx
  // does): the head is written anew with CRLF, so the client never sees them.
  if (headEnd > MAX_RESPONSE_HEAD_BYTES) throw new MalformedMessageError('response head over 32 KiB');
  const { lines } = splitHead(buffer, headEnd);
  const match = STATUS_LINE.exec(lines[0]!);
  if (!match) throw new MalformedMessageError(`invalid status line ${JSON.stringify(lines[0]!.slice(0, 60))}`);
  const version = match[1]!;
  const statusCode = Number(match[2]);
  const headers = parseHeaderLines(lines, 1, lines.length);
  const tokens = connectionTokens(headers);
  const keepAlive = version === 'HTTP/1.1' ? !tokens.includes('close') : tokens.includes('keep-alive');
  return { version, statusCode, reason: match[3] ?? '', headers, keepAlive, framing: responseFraming(statusCode, requestMethod, headers) };
}

function responseFraming(statusCode: number, requestMethod: string, headers: RawHeaders): BodyFraming {
  if (requestMethod === 'HEAD' || statusCode < 200 || statusCode === 204 || statusCode === 304) return { kind: 'none' };
  const { contentLength, chunked, transferEncoding } = framingHeaders(headers);
  if (chunked) return { kind: 'chunked' };
  if (transferEncoding) return { kind: 'close' }; // RFC 9112 §6.3: read until close
  if (contentLength !== undefined) return contentLength === 0 ? { kind: 'none' } : { kind: 'length', length: contentLength };
  return { kind: 'close' };
}

// The request headers a target receives: the client's own, minus hop-by-hop
// headers, plus what ALB adds (aws-fidelity.md §2):
// - X-Forwarded-For: the client IP appended to any incoming value (mode `append`);
// - X-Forwarded-Proto: `http` (our listeners are HTTP only), replacing any incoming value;
// - X-Forwarded-Port: the port the client connected to, replacing any incoming value;
// - X-Amzn-Trace-Id: a new Root, or `Self=...;` before an incoming Root.
// Works on rawHeaders (a flat name/value list) so case and repeats are kept and
// no intermediate object is built per request.
import { traceHeader } from './trace-id.js';

// Hop-by-hop headers describe one connection, not the request. Framing headers
// (Content-Length, Transfer-Encoding, Trailer) stay: the body is relayed byte for byte.
// An upgrade request gets its Connection/Upgrade pair back from the exchange.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'upgrade']);

/** Flat [name, value, ...] list for http.request({ headers }). */
export function forwardedRequestHeaders(rawHeaders: readonly string[], clientIp: string, listenerPort: string, nowMs: number): string[] {
  const headers: string[] = [];
  let forwardedFor: string | undefined;
  let traceId: string | undefined;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!;
    const lower = name.toLowerCase();
    if (lower.startsWith('x-')) {
      if (lower === 'x-forwarded-for') {
        forwardedFor = forwardedFor === undefined ? rawHeaders[i + 1]! : `${forwardedFor}, ${rawHeaders[i + 1]!}`;
        continue;
      }
      if (lower === 'x-amzn-trace-id') {
        traceId = rawHeaders[i + 1]!;
        continue;
      }
      if (lower === 'x-forwarded-proto' || lower === 'x-forwarded-port') continue;
    } else if (HOP_BY_HOP.has(lower)) {
      continue;
    }
    headers.push(name, rawHeaders[i + 1]!);
  }
  headers.push(
    'X-Forwarded-For',
    forwardedFor === undefined || forwardedFor.trim() === '' ? clientIp : `${forwardedFor}, ${clientIp}`,
    'X-Forwarded-Proto',
    'http',
    'X-Forwarded-Port',
    listenerPort,
    'X-Amzn-Trace-Id',
    traceHeader(traceId, nowMs),
  );
  return headers;
}

/** A head ready to write: start line, `Name: value` lines, blank line. */
export function serializeHead(startLine: string, headers: readonly string[]): string {
  let head = `${startLine}\r\n`;
  for (let i = 0; i < headers.length; i += 2) head += `${headers[i]!}: ${headers[i + 1]!}\r\n`;
  return `${head}\r\n`;
}

// Response headers that describe the target connection. The body is relayed
// byte for byte, so its framing (Content-Length, Transfer-Encoding) is kept.
const RESPONSE_HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection']);

/**
 * The target's response headers as sent to the client: connection headers
 * (and any header the target's Connection names) dropped; the client
 * connection's own Connection header added when it differs from the default.
 */
export function relayedResponseHeaders(rawHeaders: readonly string[], connectionTokens: readonly string[], clientConnection?: 'close' | 'keep-alive'): string[] {
  const named = connectionTokens.filter((token) => token !== 'close' && token !== 'keep-alive');
  const headers: string[] = [];
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!;
    const lower = name.toLowerCase();
    if (RESPONSE_HOP_BY_HOP.has(lower) || (named.length > 0 && named.includes(lower))) continue;
    headers.push(name, rawHeaders[i + 1]!);
  }
  if (clientConnection) headers.push('Connection', clientConnection);
  return headers;
}

/** Client address without the IPv4-mapped prefix (`::ffff:127.0.0.1` -> `127.0.0.1`). */
export function clientAddress(remoteAddress: string | undefined): string {
  if (remoteAddress === undefined) return '';
  return remoteAddress.startsWith('::ffff:') ? remoteAddress.slice(7) : remoteAddress;
}

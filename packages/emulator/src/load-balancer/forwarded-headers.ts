// The request headers a target receives: the client's own, minus hop-by-hop
// headers, plus what ALB adds (aws-fidelity.md §2):
// - X-Forwarded-For: the client IP appended to any incoming value (mode `append`);
// - X-Forwarded-Proto: `http` (our listeners are HTTP only), replacing any incoming value;
// - X-Forwarded-Port: the port the client connected to, replacing any incoming value;
// - X-Amzn-Trace-Id: a new Root, or `Self=...;` before an incoming Root.
// Works on rawHeaders (a flat name/value list) so case and repeats are kept and
// no intermediate object is built per request.
import { traceHeader } from './trace-id.js';

// Hop-by-hop headers describe one connection, not the request. Transfer-Encoding
// is kept: Node then re-frames a chunked body on the target connection.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'upgrade', 'trailer']);

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

// Response headers: Node frames the body for the client itself (Content-Length
// when the target sent one, otherwise chunked), so framing and connection
// headers of the target connection are dropped.
const RESPONSE_HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'trailer', 'upgrade']);

/** The target's response headers as sent to the client. */
export function forwardedResponseHeaders(rawHeaders: readonly string[]): string[] {
  const headers: string[] = [];
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!;
    if (RESPONSE_HOP_BY_HOP.has(name.toLowerCase())) continue;
    headers.push(name, rawHeaders[i + 1]!);
  }
  return headers;
}

/** Whether the request announces a body (Content-Length or Transfer-Encoding), read from rawHeaders. */
export function requestHasBody(rawHeaders: readonly string[]): boolean {
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!;
    // Cheap length test first: most headers are neither.
    if (name.length === 14 && name.toLowerCase() === 'content-length') return rawHeaders[i + 1] !== '0';
    if (name.length === 17 && name.toLowerCase() === 'transfer-encoding') return true;
  }
  return false;
}

/** Client address without the IPv4-mapped prefix (`::ffff:127.0.0.1` -> `127.0.0.1`). */
export function clientAddress(remoteAddress: string | undefined): string {
  if (remoteAddress === undefined) return '';
  return remoteAddress.startsWith('::ffff:') ? remoteAddress.slice(7) : remoteAddress;
}

// One attempt: send the client's request to one endpoint and stream the answer
// back. Resolves with what happened; never rejects. The retry decision is the
// caller's (proxy.mjs).
import http from 'node:http';
import { classifyUpstreamError } from './routing.mjs';

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/** Headers for the upstream request: the client's, minus hop-by-hop ones, plus what Envoy adds. */
export function upstreamHeaders(incoming, requestId) {
  const headers = {};
  for (const [name, value] of Object.entries(incoming)) {
    if (!HOP_BY_HOP.has(name) && value !== undefined) headers[name] = value;
  }
  headers['x-request-id'] ??= requestId;
  headers['x-forwarded-proto'] ??= 'http';
  return headers;
}

// Envoy overwrites `server` and adds the upstream time on every response it relays.
function downstreamHeaders(rawHeaders, upstreamMs) {
  const out = [];
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i].toLowerCase();
    if (HOP_BY_HOP.has(name) || name === 'server') continue;
    out.push(rawHeaders[i], rawHeaders[i + 1]);
  }
  out.push('server', 'envoy', 'x-envoy-upstream-service-time', String(upstreamMs));
  return out;
}

/**
 * Reads the request body into memory up to `limit` bytes so that a retry can
 * resend it. A longer body is streamed instead (`rest`), and is not retried.
 */
export function bufferBody(req, limit) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    const onData = (chunk) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size > limit) {
        req.pause();
        cleanup();
        resolve({ chunks, replayable: false, rest: req });
      }
    };
    const onEnd = () => {
      cleanup();
      resolve({ chunks, replayable: true, rest: null });
    };
    const onError = (error) => {
      cleanup();
      reject(error);
    };
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

/**
 * @returns Promise<{ kind: 'ok' } | { kind: 'aborted' } |
 *   { kind: 'failure', failure: 'connect-failure'|'reset'|'timeout'|'other', code?: string, headersSent: boolean }>
 */
export function forwardOnce({ endpoint, req, res, body, headers, agent, deadline, connectTimeoutMs, now }) {
  return new Promise((resolve) => {
    let settled = false;
    let connectTimer;
    let deadlineTimer;
    const started = now();
    const upstream = http.request({
      host: endpoint.address,
      port: endpoint.port,
      method: req.method,
      path: req.url,
      headers,
      agent,
    });
    const done = (outcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(connectTimer);
      clearTimeout(deadlineTimer);
      res.off('close', onClientClose);
      resolve(outcome);
    };
    const fail = (failure, code) => done({ kind: 'failure', failure, code, headersSent: res.headersSent });
    const onClientClose = () => {
      if (res.writableFinished) return;
      upstream.destroy();
      done({ kind: 'aborted' });
    };
    res.on('close', onClientClose);

    if (Number.isFinite(deadline)) {
      deadlineTimer = setTimeout(() => {
        upstream.destroy();
        // Envoy resets a stream whose response had already begun when the route timeout hits.
        if (res.headersSent) res.destroy();
        fail('timeout', 'ETIMEOUT');
      }, Math.max(0, deadline - now()));
    }
    upstream.on('socket', (socket) => {
      if (!socket.connecting) return;
      connectTimer = setTimeout(() => {
        const error = new Error(`connect to ${endpoint.address}:${endpoint.port} timed out`);
        error.code = 'ECONNECTTIMEOUT';
        upstream.destroy(error);
      }, connectTimeoutMs);
      socket.once('connect', () => clearTimeout(connectTimer));
    });
    upstream.on('error', (error) => {
      if (res.headersSent) res.destroy();
      fail(classifyUpstreamError(error.code), error.code);
    });
    upstream.on('response', (upstreamRes) => {
      res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.statusMessage, downstreamHeaders(upstreamRes.rawHeaders, now() - started));
      upstreamRes.pipe(res);
      upstreamRes.on('end', () => done({ kind: 'ok' }));
      upstreamRes.on('close', () => {
        if (upstreamRes.complete) return;
        res.destroy();
        fail('reset', 'ECONNRESET');
      });
    });

    for (const chunk of body.chunks) upstream.write(chunk);
    if (body.rest) body.rest.pipe(upstream);
    else upstream.end();
  });
}

// The client-facing side of the agent: every request picks an endpoint (round
// robin), failed connections are retried on another endpoint, and the answers
// the agent gives itself use Envoy's status codes and bodies.
import { randomUUID } from 'node:crypto';
import { bufferBody, forwardOnce, upstreamHeaders } from './forward.mjs';
import { shouldRetry } from './routing.mjs';

export function createProxyHandler({ pool, config, agent, now = Date.now, log = () => {} }) {
  return async function handleRequest(req, res) {
    const started = now();
    const deadline = config.perRequestTimeoutMs > 0 ? started + config.perRequestTimeoutMs : Infinity;
    let body;
    try {
      body = await bufferBody(req, config.retryBufferBytes);
    } catch {
      res.destroy();
      return;
    }
    const headers = upstreamHeaders(req.headers, randomUUID());
    const tried = new Set();
    for (let attempt = 0; ; attempt++) {
      const endpoint = pool.pick(now(), tried);
      if (!endpoint) return reply(res, 503, 'no healthy upstream');
      const outcome = await forwardOnce({
        endpoint,
        req,
        res,
        body,
        headers,
        agent,
        deadline,
        connectTimeoutMs: config.connectTimeoutMs,
        now,
      });
      if (outcome.kind === 'ok') return pool.recordSuccess(endpoint);
      if (outcome.kind === 'aborted') return;
      tried.add(endpoint.key);
      const ejected = pool.recordFailure(endpoint, now());
      log({ event: 'upstream-failure', endpoint: endpoint.id, failure: outcome.failure, code: outcome.code, attempt, ejected });
      const retry = shouldRetry({
        failure: outcome.failure,
        attempt,
        retries: config.retries,
        headersSent: outcome.headersSent,
        replayable: body.replayable,
      });
      if (retry && now() < deadline) continue;
      if (res.headersSent) return res.destroy();
      if (outcome.failure === 'timeout' || now() >= deadline) return reply(res, 504, 'upstream request timeout');
      const reason = outcome.failure === 'connect-failure' ? 'connection failure' : 'connection termination';
      return reply(res, 503, `upstream connect error or disconnect/reset before headers. reset reason: ${reason}`);
    }
  };
}

function reply(res, status, text) {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(text), server: 'envoy' });
  res.end(text);
}

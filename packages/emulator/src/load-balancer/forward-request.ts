// Forwards one client request to one target over the target's keep-alive pool
// (plain node:http: see bench/load-balancer for why not http-proxy), and maps
// every way it can fail to the status ALB would send (aws-fidelity.md §2):
// - 502: the target reset or closed the connection, sent a malformed response,
//        refused the connection, or was cut because its drain expired;
// - 504: no connection within the connect timeout (10 s, see target-entry.ts),
//        or the target silent for longer than the idle timeout.
// Once the target's response has begun, a failure can only cut the client connection.
//
// This is the hot path: per request it allocates the header list and a few
// closures, and registers as few listeners as it can (no pipe(): a manual
// data/end relay with backpressure does the same with fewer listeners).
import { request as httpRequest, type ClientRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { sendAlbError } from './alb-responses.js';
import { clientAddress, forwardedRequestHeaders, forwardedResponseHeaders, requestHasBody } from './forwarded-headers.js';
import { ConnectTimeoutError, type TargetEntry } from './target-entry.js';

export interface ForwardSettings {
  /** X-Forwarded-Port value: the port the client connected to. */
  readonly listenerPort: string;
  /** LoadBalancerSpec.idleTimeoutSeconds in ms: the longest silence from the target. */
  readonly idleTimeoutMs: number;
  /** Epoch ms, for the trace id. */
  readonly now: () => number;
}

// Methods that can be sent again safely when they carry no body.
const RETRYABLE: Readonly<Record<string, true>> = { GET: true, HEAD: true, OPTIONS: true };

export function forwardRequest(req: IncomingMessage, res: ServerResponse, entry: TargetEntry, settings: ForwardSettings): void {
  entry.requestStarted();
  const headers = forwardedRequestHeaders(req.rawHeaders, clientAddress(req.socket.remoteAddress), settings.listenerPort, settings.now());
  const method = req.method ?? 'GET';
  const hasBody = requestHasBody(req.rawHeaders);
  // A bodyless request can be resent once when a reused keep-alive connection
  // turns out closed by the target (the race every keep-alive proxy has).
  let retriesLeft = !hasBody && RETRYABLE[method] === true ? 1 : 0;
  let upstream: ClientRequest | undefined;
  let responding = false;
  let finished = false;

  res.on('close', () => {
    if (!finished) {
      finished = true;
      entry.requestFinished();
    }
    // The client went away before the response ended: stop talking to the target.
    if (!res.writableFinished) upstream?.destroy();
  });

  const relay = (response: IncomingMessage): void => {
    responding = true;
    if (res.destroyed) {
      response.destroy();
      return;
    }
    res.writeHead(response.statusCode ?? 502, response.statusMessage, forwardedResponseHeaders(response.rawHeaders));
    response.on('data', (chunk: Buffer) => {
      if (!res.write(chunk)) response.pause();
    });
    response.on('end', () => res.end());
    response.on('error', () => res.destroy());
    res.on('drain', () => response.resume());
  };

  const send = (): void => {
    let timedOut = false;
    const proxied = httpRequest({
      host: entry.host,
      port: entry.port,
      method,
      path: req.url,
      headers,
      agent: entry.agent,
      setHost: false,
      // Socket inactivity while this request owns the connection: ALB's idle timeout.
      timeout: settings.idleTimeoutMs,
    });
    upstream = proxied;
    proxied.on('timeout', () => {
      timedOut = true;
      proxied.destroy();
    });
    proxied.on('response', relay);
    proxied.on('error', (error: NodeJS.ErrnoException) => {
      if (res.destroyed || res.writableEnded) return;
      if (timedOut || error instanceof ConnectTimeoutError) return sendAlbError(res, 504);
      if (entry.drainExpired) return sendAlbError(res, 502);
      if (!responding && retriesLeft > 0 && proxied.reusedSocket && error.code === 'ECONNRESET') {
        retriesLeft -= 1;
        return send();
      }
      sendAlbError(res, 502);
    });
    if (hasBody) req.pipe(proxied);
    else proxied.end();
  };

  send();
}

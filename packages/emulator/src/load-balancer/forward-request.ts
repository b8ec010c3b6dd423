// Forwards one client request to one target over the target's keep-alive pool
// (plain node:http: see bench/load-balancer for why not http-proxy), and maps
// every way it can fail to the status ALB would send (aws-fidelity.md §2):
// - 502: the target reset or closed the connection, sent a malformed response,
//        refused the connection, or was cut because its drain expired;
// - 504: no connection within the connect timeout (10 s), or the target silent
//        for longer than the idle timeout.
// Once the target's response has begun, a failure can only cut the client connection.
import { request as httpRequest, type ClientRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { sendAlbError } from './alb-responses.js';
import { clientAddress, forwardedRequestHeaders, forwardedResponseHeaders } from './forwarded-headers.js';
import type { TargetEntry } from './target-entry.js';

export interface ForwardSettings {
  /** X-Forwarded-Port value: the port the client connected to. */
  readonly listenerPort: string;
  /** LoadBalancerSpec.idleTimeoutSeconds in ms: the longest silence from the target. */
  readonly idleTimeoutMs: number;
  /** The longest wait for a new connection to the target. @default 10 s in ALB */
  readonly connectTimeoutMs: number;
  /** Epoch ms, for the trace id. */
  readonly now: () => number;
}

// Methods that carry no body here and can be sent again safely.
const RETRYABLE = new Set(['GET', 'HEAD', 'OPTIONS']);

export function forwardRequest(req: IncomingMessage, res: ServerResponse, entry: TargetEntry, settings: ForwardSettings): void {
  entry.requestStarted();
  const headers = forwardedRequestHeaders(req.rawHeaders, clientAddress(req.socket.remoteAddress), settings.listenerPort, settings.now());
  const method = req.method ?? 'GET';
  // A request without a body can be resent once if a reused keep-alive connection
  // turns out closed by the target (the race every keep-alive proxy has).
  const bodyless = RETRYABLE.has(method) && req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined;
  let upstream: ClientRequest | undefined;
  let responded = false;
  let finished = false;

  res.once('close', () => {
    if (!finished) {
      finished = true;
      entry.requestFinished();
    }
    // The client went away (or the response ended): stop talking to the target.
    if (!responded || !res.writableFinished) upstream?.destroy();
  });

  const send = (retriesLeft: number): void => {
    let timedOut = false;
    const proxied = httpRequest({
      host: entry.host,
      port: entry.port,
      method,
      path: req.url,
      headers,
      agent: entry.agent,
      setHost: false,
    });
    upstream = proxied;

    proxied.setTimeout(settings.idleTimeoutMs, () => {
      timedOut = true;
      proxied.destroy();
    });
    proxied.once('socket', (socket: Socket) => {
      if (!socket.connecting) return;
      const timer = setTimeout(() => {
        timedOut = true;
        proxied.destroy();
      }, settings.connectTimeoutMs);
      socket.once('connect', () => clearTimeout(timer));
      socket.once('close', () => clearTimeout(timer));
    });

    proxied.once('response', (response: IncomingMessage) => {
      responded = true;
      response.once('error', () => res.destroy());
      if (res.destroyed) {
        response.destroy();
        return;
      }
      res.writeHead(response.statusCode ?? 502, response.statusMessage, forwardedResponseHeaders(response.rawHeaders));
      response.pipe(res);
    });

    proxied.once('error', (error: NodeJS.ErrnoException) => {
      if (res.destroyed || res.writableEnded) return;
      if (timedOut) return sendAlbError(res, 504);
      if (entry.drainExpired) return sendAlbError(res, 502);
      if (!responded && retriesLeft > 0 && proxied.reusedSocket && error.code === 'ECONNRESET') return send(retriesLeft - 1);
      sendAlbError(res, 502);
    });

    if (bodyless) proxied.end();
    else req.pipe(proxied);
  };

  send(bodyless ? 1 : 0);
}

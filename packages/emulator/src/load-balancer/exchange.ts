// One request and its response between a client connection and a target:
// the request head rewritten with ALB's headers, both bodies relayed byte for
// byte (only their framing is followed), and every failure mapped to the
// status ALB would send (aws-fidelity.md §2):
// - 502: the target reset or closed the connection, sent a malformed response,
//        refused the connection, or was cut because its drain expired;
// - 504: no connection within the connect timeout (10 s), or the target silent
//        for longer than the idle timeout.
// Once the response has begun, a failure can only cut the client connection.
import type { Socket } from 'node:net';
import type { AlbErrorStatus } from './alb-responses.js';
import { forwardedRequestHeaders, relayedResponseHeaders, serializeHead } from './forwarded-headers.js';
import {
  bodyTracker,
  connectionTokens,
  findHeadEnd,
  headerValue,
  MAX_RESPONSE_HEAD_BYTES,
  parseResponseHead,
  type BodyTracker,
  type RequestHead,
  type ResponseHead,
} from './http1/index.js';
import type { TargetEntry } from './target-entry.js';
import { ConnectTimeoutError, type UpstreamConnection, type UpstreamOwner } from './upstream-pool.js';

/** What the exchange needs from the client connection that runs it. */
export interface ExchangeClient {
  readonly socket: Socket;
  readonly clientIp: string;
  readonly listenerPort: string;
  readonly idleTimeoutMs: number;
  now(): number;
  /** The exchange is over; `keepAlive` says whether the client connection may carry another request. */
  exchangeDone(keepAlive: boolean): void;
  /** Answers with ALB's own error, then ends the exchange. */
  sendError(status: AlbErrorStatus, keepAlive: boolean): void;
  /** The response was a 101: from now on client bytes go to `tunnelWrite`. */
  tunnelStarted(): void;
}

// Methods that can be sent again safely when they carry no body.
const RETRYABLE: Readonly<Record<string, true>> = { GET: true, HEAD: true, OPTIONS: true };

export class Exchange implements UpstreamOwner {
  /** The request body still to relay (undefined once complete). */
  private requestBody: BodyTracker | undefined;
  private upstream: UpstreamConnection | undefined;
  private readonly upstreamHead: string;
  /** Response bytes received before their head was complete. */
  private responseBuffer: Buffer | undefined;
  private response: ResponseHead | undefined;
  private responseBody: BodyTracker | undefined;
  private responseStarted = false;
  /** The client-facing response head, waiting to leave with the first body bytes. */
  private pendingHead: string | undefined;
  private clientKeepAlive: boolean;
  private timedOut = false;
  private retriesLeft: number;
  /** The current attempt runs on a kept-alive connection (a stale one is worth one retry). */
  private attemptReused = false;
  /** After a 101: bytes flow both ways unparsed until either side closes. */
  private tunneling = false;
  private finished = false;
  private readonly ambiguous: boolean;

  constructor(
    private readonly client: ExchangeClient,
    private readonly entry: TargetEntry,
    private readonly request: RequestHead,
  ) {
    this.ambiguous = request.tier === 'Ambiguous';
    const headers = forwardedRequestHeaders(request.headers, client.clientIp, client.listenerPort, client.now());
    if (request.upgrade) headers.push('Connection', 'Upgrade', 'Upgrade', headerValue(request.headers, 'upgrade')!);
    // ALB's defensive mode: an Ambiguous request is forwarded, then neither connection carries another.
    else if (this.ambiguous) headers.push('Connection', 'close');
    // HTTP/1.0 goes on as HTTP/1.0, so the target never answers it in chunks the client cannot read.
    this.upstreamHead = serializeHead(`${request.method} ${request.target} ${request.version}`, headers);
    const body = bodyTracker(request.framing);
    this.requestBody = body.done ? undefined : body;
    this.clientKeepAlive = request.keepAlive && !this.ambiguous;
    this.retriesLeft = this.requestBody === undefined && RETRYABLE[request.method] === true ? 1 : 0;
    entry.requestStarted();
  }

  /** Sends the head; returns how many bytes of `buffer[start..]` the request body took. */
  start(buffer: Buffer | undefined, start: number, freshConnection = false): number {
    this.upstream = this.entry.pool.acquire(this, this.client.idleTimeoutMs, freshConnection);
    this.attemptReused = this.upstream.reused;
    const socket = this.upstream.socket;
    if (!buffer || !this.requestBody || start >= buffer.length) {
      socket.write(this.upstreamHead, 'latin1');
      return 0;
    }
    // Head and the body bytes already here leave in one write.
    socket.cork();
    socket.write(this.upstreamHead, 'latin1');
    const taken = this.relayRequestBody(buffer, start);
    socket.uncork();
    return taken;
  }

  /** More client bytes while the request body is incomplete; returns how many it took. */
  relayRequestBody(buffer: Buffer, start: number): number {
    const body = this.requestBody;
    if (!body || !this.upstream) return 0;
    let taken: number;
    try {
      taken = body.consume(buffer, start);
    } catch {
      this.rejectRequest();
      return buffer.length - start;
    }
    if (taken > 0 && !this.upstream.socket.write(buffer.subarray(start, start + taken))) this.client.socket.pause();
    if (body.done) this.requestBody = undefined;
    if (taken > 0) this.retriesLeft = 0;
    return taken;
  }

  get wantsRequestBody(): boolean {
    return this.requestBody !== undefined;
  }

  /** The client's chunked body broke its framing: the target connection is dropped and the client told 400. */
  private rejectRequest(): void {
    const upstream = this.upstream;
    this.upstream = undefined;
    if (upstream) {
      upstream.owner = undefined;
      upstream.socket.destroy();
    }
    this.requestBody = undefined;
    this.clientKeepAlive = false;
    this.fail(400);
  }

  /** The client closed its connection mid-exchange: the target connection cannot be reused. */
  abort(): void {
    if (this.finished) return;
    this.upstream?.socket.destroy();
    this.finish();
  }

  /** The client socket drained: let the target send more. */
  onClientDrain(): void {
    this.upstream?.socket.resume();
  }

  onUpstreamDrain(): void {
    this.client.socket.resume();
  }

  onUpstreamTimeout(): void {
    if (this.tunneling) return; // an upgraded connection may idle (ALB: WebSockets live on)
    this.timedOut = true;
    this.upstream?.socket.destroy();
  }

  /** Client bytes of an upgraded connection. */
  tunnelWrite(chunk: Buffer): void {
    if (this.upstream && !this.upstream.socket.write(chunk)) this.client.socket.pause();
  }

  onUpstreamData(chunk: Buffer): void {
    if (this.tunneling) {
      if (!this.client.socket.write(chunk)) this.upstream?.socket.pause();
      return;
    }
    if (this.finished) return;
    this.retriesLeft = 0;
    let offset = 0;
    if (!this.responseBody) {
      const buffer = this.responseBuffer ? Buffer.concat([this.responseBuffer, chunk]) : chunk;
      offset = this.readResponseHeads(buffer);
      if (offset < 0) return; // head incomplete, or the exchange already ended
      chunk = buffer;
    }
    this.relayResponseBody(chunk, offset);
  }

  onUpstreamClose(error: Error | undefined): void {
    this.upstream = undefined;
    if (this.tunneling) {
      this.client.socket.end();
      this.finish();
      return;
    }
    if (this.finished) return;
    if (this.response && this.response.framing.kind === 'close') {
      // The body ran until the target closed: that was its end.
      this.finish();
      this.client.exchangeDone(false);
      return;
    }
    if (this.canRetry(error)) {
      this.retriesLeft -= 1;
      this.start(undefined, 0, true);
      return;
    }
    this.fail(this.timedOut || error instanceof ConnectTimeoutError ? 504 : 502);
  }

  /**
   * A kept-alive connection the target closed just as we reused it (the race
   * every keep-alive proxy has): resend once, for GET/HEAD/OPTIONS without body,
   * when not a byte of response came back.
   */
  private canRetry(error: Error | undefined): boolean {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    return (
      this.attemptReused &&
      this.retriesLeft > 0 &&
      !this.timedOut &&
      !this.entry.drainExpired &&
      this.response === undefined &&
      this.responseBuffer === undefined &&
      (error === undefined || code === 'ECONNRESET' || code === 'EPIPE')
    );
  }

  /** Reads response heads (1xx interim ones are relayed as they come); returns the body offset or -1. */
  private readResponseHeads(buffer: Buffer): number {
    let start = 0;
    for (;;) {
      const headEnd = findHeadEnd(buffer, start, start);
      if (headEnd < 0) {
        if (buffer.length - start > MAX_RESPONSE_HEAD_BYTES) return this.failFromTarget(502);
        this.responseBuffer = start === 0 ? buffer : buffer.subarray(start);
        return -1;
      }
      let head: ResponseHead;
      try {
        head = parseResponseHead(buffer.subarray(start), headEnd - start, this.request.method);
      } catch {
        return this.failFromTarget(502);
      }
      if (head.statusCode === 101 && this.request.upgrade) {
        this.startTunnel(head, buffer.subarray(headEnd));
        return -1;
      }
      if (head.statusCode < 200) {
        // Interim responses (100 Continue, 103 Early Hints) pass through to HTTP/1.1 clients, written
        // anew like every head (a target's bare-LF line ends never reach the client).
        if (this.request.version === 'HTTP/1.1') this.client.socket.write(rawHead(head), 'latin1');
        start = headEnd;
        continue;
      }
      this.responseBuffer = undefined;
      this.beginResponse(head);
      return headEnd;
    }
  }

  private beginResponse(head: ResponseHead): void {
    this.response = head;
    this.responseBody = bodyTracker(head.framing);
    // A body that ends when the target closes can only end the same way for the client; and a
    // response that starts before the request body is complete may leave part of that body on
    // the client connection, where it cannot be told from a next request.
    if (head.framing.kind === 'close' || this.requestBody !== undefined) this.clientKeepAlive = false;
    const connection = !this.clientKeepAlive ? 'close' : this.request.version === 'HTTP/1.0' ? 'keep-alive' : undefined;
    const headers = relayedResponseHeaders(head.headers, connectionTokens(head.headers), connection);
    this.responseStarted = true;
    // Written with the first body bytes (see relayResponseBody): one write per small response.
    this.pendingHead = serializeHead(`HTTP/1.1 ${head.statusCode} ${head.reason}`, headers);
  }

  private relayResponseBody(buffer: Buffer, offset: number): void {
    const body = this.responseBody!;
    let taken: number;
    try {
      taken = body.consume(buffer, offset);
    } catch {
      this.failFromTarget(502);
      return;
    }
    const head = this.pendingHead;
    let flushed = true;
    if (head !== undefined) {
      this.pendingHead = undefined;
      flushed = this.client.socket.write(taken > 0 ? joinHeadAndBody(head, buffer, offset, taken) : Buffer.from(head, 'latin1'));
    } else if (taken > 0) {
      flushed = this.client.socket.write(offset === 0 && taken === buffer.length ? buffer : buffer.subarray(offset, offset + taken));
    }
    if (!flushed) this.upstream?.socket.pause();
    if (!body.done) return;
    const reusable =
      offset + taken === buffer.length && this.response!.keepAlive && this.request.version === 'HTTP/1.1' && this.requestBody === undefined && !this.ambiguous;
    const upstream = this.upstream;
    this.upstream = undefined;
    if (upstream) {
      if (reusable) this.entry.pool.release(upstream);
      else {
        upstream.owner = undefined;
        upstream.socket.destroy();
      }
    }
    this.finish();
    this.client.exchangeDone(this.clientKeepAlive);
  }

  /** The target broke the protocol: drop its connection and answer (or cut) the client. */
  private failFromTarget(status: AlbErrorStatus): -1 {
    const upstream = this.upstream;
    this.upstream = undefined;
    if (upstream) {
      upstream.owner = undefined;
      upstream.socket.destroy();
    }
    this.fail(status);
    return -1;
  }

  private fail(status: AlbErrorStatus): void {
    if (this.finished) return;
    this.finish();
    // A head still waiting for its first body bytes never left: the client can still get a clean error.
    if (this.responseStarted && this.pendingHead === undefined) {
      this.client.socket.destroy();
      return;
    }
    this.pendingHead = undefined;
    // 502 for a drain that expired, whatever the socket said.
    const finalStatus = this.entry.drainExpired && status !== 400 ? 502 : status;
    // The rest of an unfinished request body would be read as the next request: close instead.
    this.client.sendError(finalStatus, this.clientKeepAlive && this.requestBody === undefined);
  }

  /** 101 Switching Protocols: relay the head and everything after it, both ways, unparsed. */
  private startTunnel(head: ResponseHead, afterHead: Buffer): void {
    // A tunnel stays in flight (for draining) until either side closes it.
    this.tunneling = true;
    this.responseStarted = true;
    this.responseBuffer = undefined;
    this.upstream?.socket.setTimeout(0);
    this.client.socket.write(rawHead(head), 'latin1');
    if (afterHead.length > 0) this.client.socket.write(afterHead);
    this.client.tunnelStarted();
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.entry.requestFinished();
  }
}

/** A target's interim or 101 head as the client gets it: every header kept, CRLF line ends. */
function rawHead(head: ResponseHead): string {
  return serializeHead(`HTTP/1.1 ${head.statusCode} ${head.reason}`, head.headers);
}

/** One buffer holding the response head and the first body bytes (copied: small, and saves a writev). */
function joinHeadAndBody(head: string, buffer: Buffer, offset: number, length: number): Buffer {
  const headLength = Buffer.byteLength(head, 'latin1');
  const joined = Buffer.allocUnsafe(headLength + length);
  joined.write(head, 0, 'latin1');
  buffer.copy(joined, headLength, offset, offset + length);
  return joined;
}

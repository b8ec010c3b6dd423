// One client connection to a listener, speaking HTTP/1.1 itself: it reads a
// request head, hands the request to an Exchange with a target chosen by the
// target group, relays the request body, and after the response moves on to the
// next (possibly pipelined) request. Plain TCP with persistent listeners keeps
// the per-request cost near nginx's (see bench/load-balancer).
import type { Socket } from 'node:net';
import { albErrorResponse, type AlbErrorStatus } from './alb-responses.js';
import { Exchange, type ExchangeClient } from './exchange.js';
import { clientAddress } from './forwarded-headers.js';
import {
  findHeadEnd,
  MalformedMessageError,
  MAX_HEADER_LINE_BYTES,
  MAX_REQUEST_HEAD_BYTES,
  MAX_REQUEST_LINE_BYTES,
  parseRequestHead,
  type RequestHead,
} from './http1/index.js';
import type { TargetGroup } from './target-group.js';

export interface ClientConnectionSettings {
  /** X-Forwarded-Port value: the port the client connected to. */
  readonly listenerPort: string;
  /** ALB's idle timeout, both sides. */
  readonly idleTimeoutMs: number;
  /** Epoch ms, for trace ids. */
  readonly now: () => number;
  /**
   * A request head must be complete this long after its first byte, however
   * slowly it trickles in (nginx's client_header_timeout). @default idleTimeoutMs
   */
  readonly headTimeoutMs?: number;
  /** Called for each request ALB's desync mitigation would not call Compliant (its NonCompliant_Request_Count). */
  readonly onNonCompliantRequest?: () => void;
}

const CR = 13;
const LF = 10;

// Unread pipelined bytes beyond this pause the client until the current exchange ends.
const MAX_BUFFERED = 256 * 1024;

export class ClientConnection implements ExchangeClient {
  readonly clientIp: string;
  private buffer: Buffer | undefined;
  /** Where the search for the end of a head resumes (bytes already searched). */
  private searched = 0;
  private exchange: Exchange | undefined;
  private tunnel = false;
  private closing = false;
  /** Inside process(): an exchange that ends synchronously (503, 405) must not re-enter it. */
  private processing = false;
  /** Runs from the first byte of a request head until the head is complete. */
  private headTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly socket: Socket,
    private readonly targetGroup: TargetGroup,
    private readonly settings: ClientConnectionSettings,
  ) {
    this.clientIp = clientAddress(socket.remoteAddress);
    socket.setNoDelay(true);
    socket.setTimeout(settings.idleTimeoutMs);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('drain', () => this.exchange?.onClientDrain());
    socket.on('timeout', () => {
      // Waiting on the target is the target side's timeout to judge; otherwise the client idled.
      if (!this.exchange) socket.destroy();
    });
    socket.on('end', () => {
      // The client closed its side. Mid-exchange that is an abort (as Node's server
      // and nginx treat it): the target connection is dropped and nothing more is sent.
      this.closing = true;
      if (this.exchange) {
        this.exchange.abort();
        socket.destroy();
      } else {
        socket.end();
      }
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      // Unread bytes (an unfinished head) are released with the connection.
      this.buffer = undefined;
      this.clearHeadTimer();
      this.exchange?.abort();
    });
  }

  get listenerPort(): string {
    return this.settings.listenerPort;
  }

  get idleTimeoutMs(): number {
    return this.settings.idleTimeoutMs;
  }

  now(): number {
    return this.settings.now();
  }

  exchangeDone(keepAlive: boolean): void {
    this.exchange = undefined;
    if (!keepAlive || this.closing) {
      this.closing = true;
      this.socket.end();
      return;
    }
    if (this.socket.isPaused()) this.socket.resume();
    if (this.buffer && !this.processing) this.process();
  }

  sendError(status: AlbErrorStatus, keepAlive: boolean): void {
    this.socket.write(albErrorResponse(status, keepAlive && !this.closing, new Date(this.settings.now())), 'latin1');
    this.exchangeDone(keepAlive);
  }

  tunnelStarted(): void {
    this.tunnel = true;
    this.socket.setTimeout(0);
    const rest = this.buffer;
    this.buffer = undefined;
    if (rest) this.exchange?.tunnelWrite(rest);
  }

  private onData(chunk: Buffer): void {
    if (this.tunnel) {
      this.exchange?.tunnelWrite(chunk);
      return;
    }
    if (this.closing || this.socket.destroyed) return;
    this.buffer = this.buffer ? Buffer.concat([this.buffer, chunk]) : chunk;
    this.process();
  }

  /** Works through the buffered bytes: request body of the current exchange, then new requests. */
  private process(): void {
    this.processing = true;
    try {
      this.processBuffer();
    } finally {
      this.processing = false;
    }
  }

  private processBuffer(): void {
    let offset = 0;
    const buffer = this.buffer!;
    for (;;) {
      if (this.exchange) {
        if (this.exchange.wantsRequestBody) offset += this.exchange.relayRequestBody(buffer, offset);
        break;
      }
      // RFC 9112 §2.2: empty lines before a request line are ignored.
      if (this.searched === 0) while (offset < buffer.length && (buffer[offset] === CR || buffer[offset] === LF)) offset += 1;
      if (offset >= buffer.length || this.closing) break;
      const headEnd = findHeadEnd(buffer, offset + this.searched, offset);
      if (headEnd < 0) {
        this.searched = buffer.length - offset;
        const tooLarge = unfinishedHeadOverLimit(buffer, offset);
        if (tooLarge) return this.reject(tooLarge);
        this.startHeadTimer();
        break;
      }
      this.searched = 0;
      this.clearHeadTimer();
      let request: RequestHead;
      try {
        request = parseRequestHead(offset === 0 ? buffer : buffer.subarray(offset), headEnd - offset);
      } catch (error) {
        if (!(error instanceof MalformedMessageError)) throw error;
        if (error.nonCompliant) this.settings.onNonCompliantRequest?.();
        return this.reject(error.status);
      }
      if (request.tier !== 'Compliant') this.settings.onNonCompliantRequest?.();
      offset = headEnd;
      offset += this.begin(request, buffer, offset);
      if (this.closing) break;
    }
    this.buffer = offset < buffer.length && !this.closing ? buffer.subarray(offset) : undefined;
    if (this.exchange && this.buffer && this.buffer.length > MAX_BUFFERED) this.socket.pause();
  }

  private startHeadTimer(): void {
    if (this.headTimer) return;
    this.headTimer = setTimeout(() => {
      this.headTimer = undefined;
      if (!this.exchange) this.socket.destroy();
    }, this.settings.headTimeoutMs ?? this.settings.idleTimeoutMs);
    this.headTimer.unref();
  }

  private clearHeadTimer(): void {
    if (this.headTimer) clearTimeout(this.headTimer);
    this.headTimer = undefined;
  }

  /** Starts the exchange for a parsed request; returns the body bytes it took from the buffer. */
  private begin(request: RequestHead, buffer: Buffer, offset: number): number {
    // With a body still on the wire, or after an Ambiguous request, the connection is not reused.
    const reusable = request.keepAlive && request.framing.kind === 'none' && request.tier !== 'Ambiguous';
    if (request.method === 'TRACE') {
      this.sendError(405, reusable);
      return 0;
    }
    const target = this.targetGroup.choose();
    if (!target) {
      this.sendError(503, reusable);
      return 0;
    }
    const exchange = new Exchange(this, target, request);
    this.exchange = exchange;
    return exchange.start(buffer, offset);
  }

  private reject(status: AlbErrorStatus): void {
    this.buffer = undefined;
    this.clearHeadTimer();
    this.closing = true;
    this.socket.end(albErrorResponse(status, false, new Date(this.settings.now())), 'latin1');
  }
}

/**
 * ALB's quotas applied to a head still arriving, so no connection buffers more
 * than one head's worth: 414 once the request line passes 16 KiB, 400 once one
 * header line passes 16 KiB or the head 64 KiB.
 */
function unfinishedHeadOverLimit(buffer: Buffer, offset: number): 400 | 414 | undefined {
  const length = buffer.length - offset;
  if (length > MAX_REQUEST_HEAD_BYTES) return 400;
  const firstLf = buffer.indexOf(LF, offset);
  if (firstLf < 0) return length > MAX_REQUEST_LINE_BYTES ? 414 : undefined;
  if (firstLf - offset > MAX_REQUEST_LINE_BYTES + 1) return 414;
  return buffer.length - buffer.lastIndexOf(LF) - 1 > MAX_HEADER_LINE_BYTES ? 400 : undefined;
}

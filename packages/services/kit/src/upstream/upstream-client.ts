import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG, type ServiceConfig } from '../config/index.js';

/** The outbound call failed; the message mimics Go's `Get "<url>": <cause>`, which the tutorial's service returned. */
export class UpstreamError extends Error {
  override readonly name = 'UpstreamError';
  constructor(
    readonly url: string,
    readonly reason: string,
  ) {
    super(`Get ${JSON.stringify(url)}: ${reason}`);
  }
}

export type FetchLike = (url: string, init: { signal: AbortSignal }) => Promise<Response>;

/** GETs a path of the other service and returns its body unchanged (status ignored, as the Go code does). */
@Injectable()
export class UpstreamClient {
  // fetch is looked up per call so tests and polyfills can replace the global.
  private readonly fetchImpl: FetchLike = (url, init) => fetch(url, init);

  constructor(@Inject(SERVICE_CONFIG) private readonly config: ServiceConfig) {}

  async getText(path: string): Promise<string> {
    const url = this.config.upstreamBaseUrl + path;
    const timeoutMs = this.config.upstreamTimeoutMs;
    try {
      // The signal bounds headers AND body: a peer that stalls mid-body is cut off too.
      const response = await this.fetchImpl(url, { signal: AbortSignal.timeout(timeoutMs) });
      return await response.text();
    } catch (err) {
      throw new UpstreamError(url, describe(err, timeoutMs));
    }
  }
}

function describe(err: unknown, timeoutMs: number): string {
  // Duck-typed, not instanceof: fetch's errors may come from another realm (undici, test VMs).
  const error = asError(err);
  if (error?.name === 'TimeoutError') return `timeout after ${timeoutMs} ms (UPSTREAM_TIMEOUT_MS)`;
  // undici reports "fetch failed" and keeps the useful part (ECONNREFUSED, ENOTFOUND...) in `cause`.
  const cause = asError(error?.cause);
  if (cause?.message) return cause.message;
  return error?.message ?? String(err);
}

function asError(value: unknown): { name?: unknown; message?: string; cause?: unknown } | undefined {
  return typeof value === 'object' && value !== null && 'message' in value
    ? (value as { name?: unknown; message?: string; cause?: unknown })
    : undefined;
}

// Calls to a helper container's admin API on 127.0.0.1. A helper that Docker
// is restarting (restart policy) refuses or resets connections for a moment,
// and may come back on another host port: the client retries until its
// deadline and asks `resolve` for a fresh address after a network failure.
import type { Clock } from '../clock/index.js';
import { AdminCallError } from './errors.js';
import type { AdminAccess } from './helper-container.js';

export interface AdminClientOptions {
  readonly target: string;
  readonly resolve: () => Promise<AdminAccess>;
  readonly clock: Clock;
  /** Total time allowed for one call, retries included. @default 10000 */
  readonly timeoutMs?: number;
}

export class AdminClient {
  private access: AdminAccess | undefined;

  constructor(private readonly options: AdminClientOptions) {}

  /** JSON call; throws AdminCallError on a non-2xx answer or when the deadline passes. */
  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const { clock, target } = this.options;
    const deadline = clock.now() + (this.options.timeoutMs ?? 10_000);
    let lastError: unknown;
    for (let attempt = 0; clock.now() < deadline; attempt++) {
      try {
        this.access ??= await this.options.resolve();
        const { status, ok, text } = await fetchText(
          `${this.access.baseUrl}${path}`,
          {
            method,
            headers: { authorization: `Bearer ${this.access.token}`, 'content-type': 'application/json' },
            body: body === undefined ? undefined : JSON.stringify(body),
          },
          5_000,
        );
        if (!ok) throw new AdminCallError(target, `${method} ${path}`, `HTTP ${status} ${text.slice(0, 200)}`);
        return (text ? JSON.parse(text) : undefined) as T;
      } catch (error) {
        if (error instanceof AdminCallError) throw error;
        lastError = error;
        this.access = undefined; // the helper may have restarted on another host port
        await clock.sleep(Math.min(100 * 2 ** attempt, 1_000));
      }
    }
    throw new AdminCallError(target, `${method} ${path}`, `no answer: ${describe(lastError)}`, { cause: lastError });
  }

  /** Waits until GET /healthz answers 200. */
  async waitHealthy(timeoutMs = 15_000): Promise<void> {
    const { clock, target } = this.options;
    const deadline = clock.now() + timeoutMs;
    let lastError: unknown;
    while (clock.now() < deadline) {
      try {
        this.access ??= await this.options.resolve();
        const { ok, status } = await fetchText(`${this.access.baseUrl}/healthz`, {}, 2_000);
        if (ok) return;
        lastError = new Error(`HTTP ${status}`);
      } catch (error) {
        lastError = error;
        this.access = undefined;
      }
      await clock.sleep(100);
    }
    throw new AdminCallError(target, 'GET /healthz', `not healthy within ${timeoutMs} ms: ${describe(lastError)}`, { cause: lastError });
  }
}

// A plain setTimeout, not AbortSignal.timeout: that timer is unref'd, and a CLI
// process whose only pending work is this call would exit in the middle of it.
async function fetchText(url: string, init: RequestInit, timeoutMs: number): Promise<{ ok: boolean; status: number; text: string }> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  try {
    const response = await fetch(url, { ...init, signal: controller.signal });
    return { ok: response.ok, status: response.status, text: await response.text() };
  } finally {
    clearTimeout(timer);
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error.cause as NodeJS.ErrnoException | undefined)?.code;
  return code ? `${error.message} (${code})` : error.message;
}

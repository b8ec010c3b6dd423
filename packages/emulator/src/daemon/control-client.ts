import type { DeployRequest, DeployResult } from '../deployments/start-deployment.js';
import type { EmulatorEvent } from '../events/index.js';
import type { StackStatusView } from '../status/index.js';
import type { DaemonInfo } from './daemon-info.js';

/** The running emulator did not answer its control API. */
export class ControlApiError extends Error {
  readonly name = 'ControlApiError';
  constructor(what: string, why: string, options?: ErrorOptions) {
    super(`${what}: ${why}`, options);
  }
}

/** CLI side of the control API. */
export class ControlClient {
  constructor(private readonly info: DaemonInfo) {}

  private url(path: string): string {
    return `http://127.0.0.1:${this.info.port}${path}`;
  }

  private async request(method: string, path: string, body?: unknown, timeoutMs = 10_000): Promise<unknown> {
    let res: Response;
    try {
      res = await fetch(this.url(path), {
        method,
        headers: { 'x-ecs-twin-token': this.info.token, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (cause) {
      throw new ControlApiError(`${method} ${path} on the emulator (pid ${this.info.pid})`, 'no answer', { cause });
    }
    const json = (await res.json().catch(() => ({}))) as { error?: string };
    if (!res.ok) throw new ControlApiError(`${method} ${path} on the emulator`, json.error ?? `HTTP ${res.status}`);
    return json;
  }

  /** With `history`, every autoscaling period of the last 15 minutes; else the latest only. */
  status(options: { history?: boolean } = {}): Promise<StackStatusView> {
    return this.request('GET', options.history ? '/status?history=1' : '/status') as Promise<StackStatusView>;
  }

  setDesiredCount(service: string, desiredCount: number): Promise<unknown> {
    return this.request('POST', `/services/${encodeURIComponent(service)}/desired-count`, { desiredCount });
  }

  /** Registers the next revision and starts its deployment; resolves before the rollout ends. */
  deploy(service: string, request: DeployRequest): Promise<DeployResult> {
    return this.request('POST', `/services/${encodeURIComponent(service)}/deployments`, request) as Promise<DeployResult>;
  }

  shutdown(stopTasks: boolean): Promise<unknown> {
    return this.request('POST', '/shutdown', { stopTasks });
  }

  /** Follows the event stream until `signal` aborts or the emulator goes away. */
  async events(onEvent: (e: EmulatorEvent) => void, signal: AbortSignal, history = false): Promise<void> {
    try {
      const res = await fetch(this.url(`/events${history ? '?history=1' : ''}`), {
        headers: { 'x-ecs-twin-token': this.info.token },
        signal,
      });
      if (!res.body) return;
      let buffered = '';
      const decoder = new TextDecoder();
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffered += decoder.decode(chunk, { stream: true });
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) if (line.trim()) onEvent(JSON.parse(line) as EmulatorEvent);
      }
    } catch (error) {
      if (!signal.aborted) throw error;
    }
  }
}

// Types of routing.mjs (the agent runs as plain JavaScript inside its container).

export interface OutlierSettings {
  /** Failures within `windowMs` that eject an endpoint (5). */
  readonly failures: number;
  readonly windowMs: number;
  readonly baseEjectionMs: number;
  readonly maxEjectionMs: number;
}

export const DEFAULT_OUTLIER: OutlierSettings;

export interface AgentEndpoint {
  readonly id: string;
  readonly address: string;
  readonly port: number;
}

export interface PoolEntry extends AgentEndpoint {
  readonly key: string;
  requests: number;
  successes: number;
  failures: number;
  ejections: number;
  ejectionMultiplier: number;
  ejectedUntil: number;
  lastFailureAt: number | null;
  recentFailures: number[];
}

export interface EndpointStats extends AgentEndpoint {
  readonly requests: number;
  readonly successes: number;
  readonly failures: number;
  readonly ejections: number;
  readonly ejected: boolean;
  /** ISO time, or null when not ejected. */
  readonly ejectedUntil: string | null;
  readonly lastFailureAt: string | null;
}

export function endpointKey(endpoint: AgentEndpoint): string;

export class EndpointPool {
  constructor(outlier?: Partial<OutlierSettings>);
  readonly outlier: OutlierSettings;
  setEndpoints(endpoints: readonly AgentEndpoint[]): void;
  endpoints(): AgentEndpoint[];
  isEjected(entry: PoolEntry, now: number): boolean;
  pick(now: number, tried?: ReadonlySet<string>): PoolEntry | undefined;
  recordSuccess(entry: PoolEntry): void;
  recordFailure(entry: PoolEntry, now: number): boolean;
  snapshot(now: number): EndpointStats[];
}

export function ejectionDurationMs(multiplier: number, outlier?: OutlierSettings): number;

export type UpstreamFailure = 'connect-failure' | 'reset' | 'timeout' | 'other';

export function classifyUpstreamError(code: string | undefined): 'connect-failure' | 'reset' | 'other';

export function shouldRetry(input: {
  failure: UpstreamFailure;
  attempt: number;
  retries: number;
  headersSent: boolean;
  replayable: boolean;
}): boolean;

// Types of config.mjs.
import type { OutlierSettings } from './routing.mjs';

export interface AgentConfig {
  readonly discoveryName: string;
  readonly listenPort: number;
  readonly adminPort: number;
  readonly adminToken: string;
  readonly stateFile: string;
  readonly seedEndpoints: string;
  readonly perRequestTimeoutMs: number;
  readonly idleTimeoutMs: number;
  readonly retries: number;
  readonly connectTimeoutMs: number;
  readonly retryBufferBytes: number;
  readonly upstreamIdleMs: number;
  readonly outlier: OutlierSettings;
}

export function readAgentConfig(env: Readonly<Record<string, string | undefined>>): AgentConfig;

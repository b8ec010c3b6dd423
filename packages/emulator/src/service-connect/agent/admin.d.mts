// Types of admin.mjs.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AgentConfig } from './config.mjs';
import type { AgentEndpoint, EndpointPool } from './routing.mjs';

export function createAdminHandler(options: {
  pool: EndpointPool;
  config: AgentConfig;
  now?: () => number;
  log?: (fields: Record<string, unknown>) => void;
}): (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export function parseEndpoints(value: unknown): AgentEndpoint[];
/** The saved endpoints, else the seed (JSON), else none. */
export function loadEndpoints(file: string, seed?: string): AgentEndpoint[];

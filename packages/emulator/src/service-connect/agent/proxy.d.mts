// Types of proxy.mjs.
import type { Agent, IncomingMessage, ServerResponse } from 'node:http';
import type { AgentConfig } from './config.mjs';
import type { EndpointPool } from './routing.mjs';

export function createProxyHandler(options: {
  pool: EndpointPool;
  config: AgentConfig;
  agent: Agent;
  now?: () => number;
  log?: (fields: Record<string, unknown>) => void;
}): (req: IncomingMessage, res: ServerResponse) => Promise<void>;

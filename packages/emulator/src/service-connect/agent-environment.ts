// The environment an agent container is created with: its spec (port,
// timeouts) plus tuning (outlier numbers, retries, connect timeout) that tests
// and users may override with ECS_TWIN_SC_* variables of the emulator process.
import type { DiscoveryNameSpec } from './contract.js';
import { AGENT_ADMIN_PORT } from './names.js';

const TUNING_PREFIX = 'ECS_TWIN_SC_';

export function agentEnvironment(
  spec: DiscoveryNameSpec,
  processEnv: Readonly<Record<string, string | undefined>>,
  tuning?: Readonly<Record<string, string>>,
): Record<string, string> {
  const fromProcess = Object.fromEntries(
    Object.entries(processEnv)
      .filter((entry): entry is [string, string] => entry[0].startsWith(TUNING_PREFIX) && entry[1] !== undefined)
      .map(([key, value]) => [key.slice('ECS_TWIN_'.length), value]),
  );
  return {
    ...(tuning ?? fromProcess),
    SC_DISCOVERY_NAME: spec.discoveryName,
    SC_LISTEN_PORT: String(spec.port),
    // The admin port must not be the client alias port.
    SC_ADMIN_PORT: String(spec.port === AGENT_ADMIN_PORT ? AGENT_ADMIN_PORT + 1 : AGENT_ADMIN_PORT),
    SC_PER_REQUEST_TIMEOUT_SECONDS: String(spec.perRequestTimeoutSeconds),
    SC_IDLE_TIMEOUT_SECONDS: String(spec.idleTimeoutSeconds),
  };
}

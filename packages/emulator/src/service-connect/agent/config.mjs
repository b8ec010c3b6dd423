// The agent is configured by environment only (set by DockerServiceConnect when
// it creates the container). Pure: takes the env object, returns numbers.
// Types: config.d.mts.
import { DEFAULT_OUTLIER } from './routing.mjs';

export function readAgentConfig(env) {
  const seconds = (name, fallback) => number(env, name, fallback) * 1000;
  return {
    discoveryName: env.SC_DISCOVERY_NAME ?? 'unknown',
    listenPort: number(env, 'SC_LISTEN_PORT', 3000),
    adminPort: number(env, 'SC_ADMIN_PORT', 9901),
    adminToken: env.ECS_TWIN_ADMIN_TOKEN ?? '',
    stateFile: env.SC_STATE_FILE ?? '/var/lib/ecs-twin/endpoints.json',
    // Endpoints to serve before the first push when no state file exists yet (JSON).
    seedEndpoints: env.SC_SEED_ENDPOINTS ?? '',
    // Service Connect defaults: 15 s per request (HTTP), 5 min idle (HTTP); 0 disables.
    perRequestTimeoutMs: seconds('SC_PER_REQUEST_TIMEOUT_SECONDS', 15),
    idleTimeoutMs: seconds('SC_IDLE_TIMEOUT_SECONDS', 300),
    retries: number(env, 'SC_RETRIES', 2),
    // Envoy's default connect_timeout is 5 s (what Service Connect sets is not published). On one
    // host's bridge a healthy connect takes well under a millisecond, while a killed task's address
    // stalls every call sent to it for 3-5 s until outlier detection ejects it: 1 s bounds that.
    connectTimeoutMs: number(env, 'SC_CONNECT_TIMEOUT_MS', 1000),
    // A request body up to this size is kept so that a retry can resend it (Envoy buffers too).
    retryBufferBytes: number(env, 'SC_RETRY_BUFFER_BYTES', 1024 * 1024),
    // Below the 5 s keep-alive timeout of a default Node server, so the agent closes an idle
    // upstream connection before the task does and rarely races a reuse against its close.
    upstreamIdleMs: number(env, 'SC_UPSTREAM_IDLE_MS', 4000),
    outlier: {
      failures: number(env, 'SC_OUTLIER_FAILURES', DEFAULT_OUTLIER.failures),
      windowMs: number(env, 'SC_OUTLIER_WINDOW_MS', DEFAULT_OUTLIER.windowMs),
      baseEjectionMs: number(env, 'SC_OUTLIER_BASE_EJECTION_MS', DEFAULT_OUTLIER.baseEjectionMs),
      maxEjectionMs: number(env, 'SC_OUTLIER_MAX_EJECTION_MS', DEFAULT_OUTLIER.maxEjectionMs),
    },
  };
}

function number(env, name, fallback) {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`agent config: ${name}=${raw} is not a non-negative number`);
  return value;
}

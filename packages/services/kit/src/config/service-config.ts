// Configuration comes only from environment variables, so the same image runs
// unchanged on the local emulator and on ECS Fargate (task-definition env).

/** Everything the service reads from its environment, parsed once at startup. */
export interface ServiceConfig {
  /** PORT. @default 3000 */
  readonly port: number;
  /** API_VERSION, echoed by `GET /` and `GET /health`. @default "" (as the Go service) */
  readonly apiVersion: string;
  /** The upstream variable (SERVICE_PRODUCTS, SERVICE_USERS): base URL of the other service, e.g. http://products:3000. */
  readonly upstreamBaseUrl: string;
  /** UPSTREAM_TIMEOUT_MS: bound on the whole outbound call (headers and body). @default 5000 */
  readonly upstreamTimeoutMs: number;
}

/** Nest injection token for {@link ServiceConfig}. */
export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** `upstreamEnv` names the variable that points at the other service (each service has its own). */
export function loadConfig(env: NodeJS.ProcessEnv, upstreamEnv: string): ServiceConfig {
  return {
    port: positiveInt(env, 'PORT', 3000),
    apiVersion: env.API_VERSION ?? '',
    // Left empty when unset: the call then fails with a readable error, as the Go service does.
    upstreamBaseUrl: env[upstreamEnv] ?? '',
    upstreamTimeoutMs: positiveInt(env, 'UPSTREAM_TIMEOUT_MS', 5000),
  };
}

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    throw new ConfigError(`${name}=${JSON.stringify(raw)}: expected a positive integer (unset means ${fallback})`);
  }
  return value;
}

// One HTTP health check against a target: GET <path> on a fresh connection, as
// ALB's checker does (no keep-alive), with ALB's User-Agent. The caller bounds
// it in time through `signal` (the health checker owns the clock).
import { get } from 'node:http';

export interface HealthProbeRequest {
  readonly host: string;
  readonly port: number;
  readonly path: string;
  readonly signal: AbortSignal;
}

/** Resolves with the status code once the whole response arrived; rejects on connection errors. */
export type HealthProbe = (request: HealthProbeRequest) => Promise<number>;

export const httpHealthProbe: HealthProbe = ({ host, port, path, signal }) =>
  new Promise<number>((resolve, reject) => {
    const request = get(
      {
        host,
        port,
        path,
        agent: false,
        signal,
        headers: { 'User-Agent': 'ELB-HealthChecker/2.0', Connection: 'close', Accept: '*/*' },
      },
      (response) => {
        const status = response.statusCode ?? 0;
        response.on('error', reject);
        response.on('end', () => resolve(status));
        response.resume();
      },
    );
    request.on('error', reject);
  });

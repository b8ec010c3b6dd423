import { TwinError } from '@ecs-twin/manifest/twin-error';

/** Unknown service name in a call from the CLI / control API / autoscaler. */
export class ServiceNotFoundError extends TwinError {
  readonly name = 'ServiceNotFoundError';
  constructor(
    readonly serviceName: string,
    readonly known: readonly string[],
  ) {
    super(`find service ${serviceName}: not in this stack (services: ${known.join(', ')})`);
  }
}

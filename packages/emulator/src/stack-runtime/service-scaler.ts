/**
 * The port the autoscaler drives (Application Auto Scaling's view of an ECS
 * service: ecs:service:DesiredCount). StackRuntime implements it.
 */
export interface ServiceScaler {
  getDesiredCount(serviceName: string): number;
  /** `cause` is shown in the service's events (e.g. the alarm that fired). */
  setDesiredCount(serviceName: string, desiredCount: number, cause: string): Promise<void>;
  /** Scale-in is held while a deployment is in progress. */
  isDeploymentInProgress(serviceName: string): boolean;
}

/** Unknown service name in a call from the CLI / control API / autoscaler. */
export class ServiceNotFoundError extends Error {
  readonly name = 'ServiceNotFoundError';
  constructor(
    readonly serviceName: string,
    readonly known: readonly string[],
  ) {
    super(`find service ${serviceName}: not in this stack (services: ${known.join(', ')})`);
  }
}

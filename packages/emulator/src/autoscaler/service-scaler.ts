// What the autoscaler needs from the emulator core (consumer-side port):
// Application Auto Scaling's view of an ECS service (ecs:service:DesiredCount).
// StackRuntime implements it; unit tests use a plain object.
export interface ServiceScaler {
  /** The service's current desired count (the scalable target's capacity). */
  getDesiredCount(serviceName: string): number | Promise<number>;
  /**
   * Sets the desired count, as UpdateService does; the scheduler then starts or
   * stops tasks. `cause` is App Auto Scaling's activity cause, for the service's events.
   */
  setDesiredCount(serviceName: string, desiredCount: number, cause: string): void | Promise<void>;
  /** True while a deployment (new task-definition revision) is rolling out: scale-in waits. */
  isDeploymentInProgress(serviceName: string): boolean | Promise<boolean>;
}

/** The circuit breaker's verdict on a deployment, as its `deployment` event carries it. */
export interface DeploymentFailure {
  readonly deploymentId: string;
  readonly reason: string;
  /** The deployment that rolled the service back, when rollback is on. */
  readonly rollback?: { readonly deploymentId: string; readonly taskDefinition: string };
}

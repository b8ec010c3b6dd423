/**
 * Application Auto Scaling's resource id of an ECS service's scalable target
 * (ecs:service:DesiredCount), also the middle of the alarm names it makes:
 * `service/<cluster>/<service>`.
 */
export function scalableResourceId(clusterName: string, serviceName: string): string {
  return `service/${clusterName}/${serviceName}`;
}

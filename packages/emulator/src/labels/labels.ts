// Ownership by labels: everything the emulator creates in Docker carries these,
// so a restarted emulator re-attaches to what runs and `down` removes exactly
// what is its own, nothing else.
export const LABEL = {
  /** Stack name from stack.yaml `stack:`. Present on every object the emulator creates. */
  stack: 'ecs-twin.stack',
  /** What the object is: see Role. */
  role: 'ecs-twin.role',
  /** ECS cluster name. */
  cluster: 'ecs-twin.cluster',
  /** ECS service name (service-users-ecs). */
  service: 'ecs-twin.service',
  /** Task-definition family:revision. */
  taskDefinition: 'ecs-twin.task-definition',
  /** Task id (32 hex chars, as ECS task ids). */
  taskId: 'ecs-twin.task-id',
  /** Container name from the task definition. */
  container: 'ecs-twin.container',
  /** Container definition `essential` ("true"/"false"), on every task container. */
  essential: 'ecs-twin.essential',
  /** "true" on a task's other containers: they join the main container's network namespace. */
  sidecar: 'ecs-twin.sidecar',
  /** Which deployment started the task (ecs-svc/<id>). */
  deployment: 'ecs-twin.deployment',
  /** Service Connect discovery name served by an agent container. */
  discoveryName: 'ecs-twin.discovery-name',
  /** Marks objects created by tests, for the global teardown safety net. */
  test: 'ecs-twin.test',
} as const;

export type Role = 'task' | 'service-connect-agent' | 'namespace-network' | 'metadata-endpoint';

export function stackLabels(stack: string, role: Role, extra: Record<string, string> = {}): Record<string, string> {
  const labels: Record<string, string> = { [LABEL.stack]: stack, [LABEL.role]: role, ...extra };
  if (process.env.ECS_TWIN_TEST === 'true') labels[LABEL.test] = 'true';
  return labels;
}

/** Docker API label filter for one stack (and optionally one role). */
export function stackFilter(stack: string, role?: Role): { label: string[] } {
  const label = [`${LABEL.stack}=${stack}`];
  if (role) label.push(`${LABEL.role}=${role}`);
  return { label };
}

import type { ContainerDefinitionSpec, ServiceSpec, TaskDefinitionSpec } from './stack.js';

/**
 * A task's main container: the load-balanced one when there is one, otherwise
 * the first essential one. Local runtimes give it the task's network namespace
 * and published port; the task definition's other containers join it.
 */
export function mainContainer(
  service: Pick<ServiceSpec, 'loadBalancer'>,
  taskDefinition: Pick<TaskDefinitionSpec, 'family' | 'containers'>,
): ContainerDefinitionSpec {
  const wanted = service.loadBalancer?.containerName;
  const container =
    taskDefinition.containers.find((c) => c.name === wanted) ??
    taskDefinition.containers.find((c) => c.essential) ??
    taskDefinition.containers[0];
  if (!container) throw new Error(`task definition ${taskDefinition.family}: has no container`);
  return container;
}

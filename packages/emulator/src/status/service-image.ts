// The image a service runs: the task container of its PRIMARY deployment's
// task definition (the deployer's `--target local` compares it with what it built).
import type { ServiceSpec } from '@ecs-twin/manifest';
import { findRevision, type StackState } from '../state/index.js';
import { imageName, mainContainer } from '../tasks/index.js';

/** `<repository>:<tag>`; the manifest's definition when the revision is not registered (yet). */
export function primaryImage(service: ServiceSpec, state: StackState): string {
  const ref = state.services[service.serviceName]?.deployments[0]?.taskDefinition;
  const definition = (ref ? findRevision(state, ref)?.definition : undefined) ?? service.taskDefinition;
  return imageName(mainContainer(service, definition));
}

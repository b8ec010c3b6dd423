// Ids a task sees in its metadata. On Fargate a container's DockerId is
// `<taskId>-<10 digits>`; we derive the digits from the task id and container
// name, so the core can put the URI in the task's env before Docker has given
// the container an id, and the registry can render the same id later.
import { createHash } from 'node:crypto';

/** Host name of the metadata endpoint on the namespace network. */
export const METADATA_HOST = 'ecs-metadata';

/** `<taskId>-<10 digits>`, stable for a task id and container name. */
export function metadataContainerId(taskId: string, containerName: string): string {
  const digits = createHash('sha256').update(`${taskId}/${containerName}`).digest().readUInt32BE(0);
  return `${taskId}-${String(digits).padStart(10, '0')}`;
}

/**
 * The environment the core adds to a task container. ECS injects the same
 * variable on Fargate (platform 1.4+), with 169.254.170.2 as the host; see
 * docker-task-metadata.ts for why the emulator uses a name instead.
 */
export function metadataEnvironment(taskId: string, containerName: string): Record<string, string> {
  return { ECS_CONTAINER_METADATA_URI_V4: `http://${METADATA_HOST}/v4/${metadataContainerId(taskId, containerName)}` };
}

/** A stable UUID-shaped id from some text (ContainerARN's last part). */
export function stableUuid(text: string): string {
  const hex = createHash('sha256').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

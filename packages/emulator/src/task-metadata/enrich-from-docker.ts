// Fills a task record's container facts from `docker inspect`: image id,
// Docker name, created/started/finished times, exit code, and the address,
// MAC, subnet and gateway on the namespace network. What Docker reports wins
// (Docker is the truth); the core's values stay where Docker has none, and a
// container that is gone is left as the core described it.
import type Docker from 'dockerode';
import type { TaskMetadataContainerRecord, TaskMetadataRecord } from './contract.js';

export async function enrichFromDocker(docker: Docker, record: TaskMetadataRecord, networkName: string): Promise<TaskMetadataRecord> {
  const containers = await Promise.all(record.containers.map((c) => enrichContainer(docker, c, networkName)));
  return { ...record, containers };
}

async function enrichContainer(
  docker: Docker,
  container: TaskMetadataContainerRecord,
  networkName: string,
): Promise<TaskMetadataContainerRecord> {
  if (!container.containerId) return container;
  let info: Docker.ContainerInspectInfo;
  try {
    info = await docker.getContainer(container.containerId).inspect();
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return container;
    throw error;
  }
  const network = info.NetworkSettings.Networks[networkName];
  const observed: Partial<TaskMetadataContainerRecord> = {
    imageId: info.Image,
    dockerName: info.Name.replace(/^\//, ''),
    createdAt: time(info.Created),
    startedAt: time(info.State.StartedAt),
    finishedAt: info.State.Running ? undefined : time(info.State.FinishedAt),
    exitCode: info.State.Running ? undefined : info.State.ExitCode,
    ipv4Address: network?.IPAddress || undefined,
    macAddress: network?.MacAddress || undefined,
    subnetCidr: network?.IPAddress ? ipv4Subnet(network.IPAddress, network.IPPrefixLen) : undefined,
    gateway: network?.Gateway || undefined,
  };
  const merged: Record<string, unknown> = { ...container };
  for (const [key, value] of Object.entries(observed)) if (value !== undefined) merged[key] = value;
  return merged as unknown as TaskMetadataContainerRecord;
}

/** Docker writes "0001-01-01T00:00:00Z" for a time that has not happened. */
function time(value: string | undefined): number | undefined {
  if (!value || value.startsWith('0001-')) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** `172.20.0.5`, 16 -> `172.20.0.0/16`. */
export function ipv4Subnet(address: string, prefixLength: number): string {
  const value = address.split('.').reduce((acc, part) => (acc << 8) + Number(part), 0) >>> 0;
  const mask = prefixLength === 0 ? 0 : (0xffffffff << (32 - prefixLength)) >>> 0;
  const network = (value & mask) >>> 0;
  return `${[24, 16, 8, 0].map((shift) => (network >>> shift) & 255).join('.')}/${prefixLength}`;
}

// Helper containers (Service Connect agents, the task metadata endpoint): small
// node programs on the namespace network, each with an admin port published on
// 127.0.0.1 only and a random admin token kept in the container's own env, so a
// restarted emulator finds both again from `docker inspect` alone.
import type Docker from 'dockerode';
import { randomBytes } from 'node:crypto';
import { HelperContainerError } from './errors.js';

const MIB = 1024 * 1024;
export const ADMIN_TOKEN_ENV = 'ECS_TWIN_ADMIN_TOKEN';

export interface HelperContainerSpec {
  readonly name: string;
  readonly image: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly env: Readonly<Record<string, string>>;
  readonly networkName: string;
  /** DNS names the container answers to on `networkName`. */
  readonly aliases: readonly string[];
  /** Admin port inside the container; published on 127.0.0.1 with a random host port. */
  readonly adminPort: number;
  /** @default 64 */
  readonly memoryMiB?: number;
}

export interface AdminAccess {
  readonly baseUrl: string;
  readonly token: string;
}

/** Containers (running or not) matching every label filter (`key=value`). */
export async function findHelperContainers(docker: Docker, labels: readonly string[]): Promise<Docker.ContainerInfo[]> {
  return docker.listContainers({ all: true, filters: { label: [...labels] } });
}

/** Creates and starts a helper container with a fresh admin token. */
export async function startHelperContainer(docker: Docker, spec: HelperContainerSpec): Promise<string> {
  const adminPort = `${spec.adminPort}/tcp`;
  const env = { ...spec.env, [ADMIN_TOKEN_ENV]: randomBytes(24).toString('hex') };
  const memory = (spec.memoryMiB ?? 64) * MIB;
  let container: Docker.Container;
  try {
    container = await docker.createContainer({
      name: spec.name,
      Image: spec.image,
      Env: Object.entries(env).map(([key, value]) => `${key}=${value}`),
      Labels: { ...spec.labels },
      ExposedPorts: { [adminPort]: {} },
      StopTimeout: 2,
      HostConfig: {
        Memory: memory,
        MemorySwap: memory,
        RestartPolicy: { Name: 'unless-stopped' },
        NetworkMode: spec.networkName,
        PortBindings: { [adminPort]: [{ HostIp: '127.0.0.1', HostPort: '' }] },
        LogConfig: { Type: 'json-file', Config: { 'max-size': '5m', 'max-file': '2' } },
      },
      NetworkingConfig: { EndpointsConfig: { [spec.networkName]: { Aliases: [...spec.aliases] } } },
    });
  } catch (cause) {
    const status = (cause as { statusCode?: number }).statusCode;
    const reason =
      status === 409
        ? 'a container with this name exists but is not this stack\'s (remove it with `docker rm -f`)'
        : `create failed: ${message(cause)}`;
    throw new HelperContainerError(spec.name, reason, { cause });
  }
  try {
    await container.start();
  } catch (cause) {
    await container.remove({ force: true }).catch(() => undefined);
    throw new HelperContainerError(spec.name, `start failed: ${message(cause)}`, { cause });
  }
  return container.id;
}

/** Starts a stopped helper container again (re-attach after the engine or the container stopped). */
export async function ensureRunning(docker: Docker, info: Docker.ContainerInfo): Promise<void> {
  if (info.State === 'running') return;
  try {
    await docker.getContainer(info.Id).start();
  } catch (cause) {
    if ((cause as { statusCode?: number }).statusCode === 304) return; // already started
    throw new HelperContainerError(info.Names[0]?.replace(/^\//, '') ?? info.Id, `restart failed: ${message(cause)}`, { cause });
  }
}

/** Admin URL (127.0.0.1 and the published port) and token of a running helper container. */
export async function adminAccess(docker: Docker, containerId: string, adminPort: number): Promise<AdminAccess> {
  const info = await docker.getContainer(containerId).inspect();
  const binding = info.NetworkSettings.Ports?.[`${adminPort}/tcp`]?.find((b) => b.HostIp === '127.0.0.1') ??
    info.NetworkSettings.Ports?.[`${adminPort}/tcp`]?.[0];
  const name = info.Name.replace(/^\//, '');
  if (!binding?.HostPort) throw new HelperContainerError(name, `admin port ${adminPort} is not published (is it running?)`);
  const token = (info.Config.Env ?? []).find((entry) => entry.startsWith(`${ADMIN_TOKEN_ENV}=`))?.slice(ADMIN_TOKEN_ENV.length + 1);
  if (!token) throw new HelperContainerError(name, `no ${ADMIN_TOKEN_ENV} in its environment`);
  return { baseUrl: `http://127.0.0.1:${binding.HostPort}`, token };
}

export async function removeContainers(docker: Docker, infos: readonly Docker.ContainerInfo[]): Promise<void> {
  await Promise.all(
    infos.map((info) =>
      docker
        .getContainer(info.Id)
        .remove({ force: true, v: true })
        .catch((error: { statusCode?: number }) => {
          if (error.statusCode !== 404 && error.statusCode !== 409) throw error; // gone, or already being removed
        }),
    ),
  );
}

function message(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}

// Service Connect on a Docker engine: the namespace is a labelled bridge
// network, each discovery name an agent container holding the client alias as
// its network alias (see agent/agent.mjs for how that differs from ECS's
// per-task Envoy). Docker is the truth: agents are found by their labels, so a
// restarted emulator re-attaches to running agents and the endpoints they hold.
import Docker from 'dockerode';
import { createHash } from 'node:crypto';
import { systemClock, type Clock } from '../clock/index.js';
import type { EmitEvent } from '../events/index.js';
import { ensureNodeRuntimeImage } from '@ecs-twin/images';
import { LABEL, stackFilter, stackLabels } from '../labels/index.js';
import { AdminClient } from './admin-client.js';
import { agentEnvironment } from './agent-environment.js';
import type {
  DiscoveryNameSpec,
  ServiceConnect,
  ServiceConnectEndpoint,
  ServiceConnectEndpointStats,
  ServiceConnectMeshOptions,
  ServiceConnectObserver,
} from './contract.js';
import { AgentNotFoundError } from './errors.js';
import { adminAccess, ensureRunning, findHelperContainers, removeContainers, startHelperContainer } from './helper-container.js';
import { AGENT_ADMIN_PORT, agentContainerName, namespaceNetworkName, SC_LABEL } from './names.js';
import { ensureNamespaceNetwork, removeNamespaceNetwork } from './namespace-network.js';
import { ensureProgramImage, type ProgramImageSpec } from './program-image.js';
import { emulatorSourcePath } from '../source-dir.js';

export interface DockerServiceConnectOptions extends ServiceConnectMeshOptions {
  readonly docker?: Docker;
  readonly clock?: Clock;
  /** The image agents run on (plain node, no shell is fine). @default ensureNodeRuntimeImage() */
  readonly nodeRuntimeImage?: () => Promise<string>;
  /**
   * Agent settings beyond the spec, as agent env (`SC_OUTLIER_FAILURES`, `SC_OUTLIER_WINDOW_MS`,
   * `SC_OUTLIER_BASE_EJECTION_MS`, `SC_OUTLIER_MAX_EJECTION_MS`, `SC_RETRIES`, `SC_CONNECT_TIMEOUT_MS`).
   * @default every `ECS_TWIN_SC_*` variable of this process, without the `ECS_TWIN_` prefix
   */
  readonly agentEnv?: Readonly<Record<string, string>>;
}

export const AGENT_IMAGE: Omit<ProgramImageSpec, 'sourceDir'> = {
  repository: 'ecs-twin/service-connect-agent',
  destination: '/agent',
  entry: 'agent.mjs',
  role: 'service-connect-agent',
  // The agent holds a few hundred sockets at most; a small heap keeps it inside its 64 MiB.
  nodeArgs: ['--max-old-space-size=32'],
};
const AGENT_SOURCE_DIR = emulatorSourcePath('service-connect/agent/');

interface WireStats extends ServiceConnectEndpoint {
  requests: number;
  successes: number;
  failures: number;
  ejections: number;
  ejectedUntil: string | null;
}

export class DockerServiceConnect implements ServiceConnect, ServiceConnectObserver {
  readonly networkName: string;
  private readonly docker: Docker;
  private readonly clock: Clock;
  private readonly emit: EmitEvent;
  private readonly admins = new Map<string, AdminClient>();
  private readonly ensuring = new Map<string, Promise<void>>();
  private image: Promise<string> | undefined;

  constructor(private readonly options: DockerServiceConnectOptions) {
    this.docker = options.docker ?? new Docker();
    this.clock = options.clock ?? systemClock;
    this.emit = options.emit ?? (() => {});
    this.networkName = namespaceNetworkName(options.stack, options.namespace);
  }

  async ensureNamespace(): Promise<{ networkName: string }> {
    const created = await ensureNamespaceNetwork(this.docker, this.options.stack, this.options.namespace, this.networkName);
    if (created) this.stackEvent(`Created Service Connect namespace ${this.options.namespace} (network ${this.networkName}).`);
    return { networkName: this.networkName };
  }

  ensureAgent(spec: DiscoveryNameSpec): Promise<void> {
    let pending = this.ensuring.get(spec.discoveryName);
    if (!pending) {
      pending = this.doEnsureAgent(spec).finally(() => this.ensuring.delete(spec.discoveryName));
      this.ensuring.set(spec.discoveryName, pending);
    }
    return pending;
  }

  async setEndpoints(discoveryName: string, endpoints: readonly ServiceConnectEndpoint[]): Promise<void> {
    const admin = await this.adminFor(discoveryName);
    const body = endpoints.map(({ id, address, port }) => ({ id, address, port }));
    await admin.call('PUT', '/endpoints', body);
    this.emit({
      kind: 'service-connect',
      message: `Service Connect ${discoveryName}: ${endpoints.length} endpoint(s)${endpoints.length ? ` (${endpoints.map((e) => e.id).join(', ')})` : ''}.`,
      detail: { discoveryName, endpoints: body },
    });
  }

  async describeEndpoints(discoveryName: string): Promise<ServiceConnectEndpointStats[]> {
    const admin = await this.adminFor(discoveryName);
    const stats = await admin.call<WireStats[]>('GET', '/endpoints');
    return stats.map((s) => ({
      id: s.id,
      address: s.address,
      port: s.port,
      requests: s.requests,
      successes: s.successes,
      failures: s.failures,
      ejections: s.ejections,
      ejectedUntil: s.ejectedUntil === null ? undefined : Date.parse(s.ejectedUntil),
    }));
  }

  async remove(): Promise<void> {
    const agents = await findHelperContainers(this.docker, [
      ...stackFilter(this.options.stack, 'service-connect-agent').label,
      `${SC_LABEL.namespace}=${this.options.namespace}`,
    ]);
    await removeContainers(this.docker, agents);
    this.admins.clear();
    const removed = await removeNamespaceNetwork(this.docker, this.options.stack, this.options.namespace);
    if (agents.length || removed) {
      this.stackEvent(`Removed Service Connect namespace ${this.options.namespace} and ${agents.length} agent(s).`);
    }
  }

  private async doEnsureAgent(spec: DiscoveryNameSpec): Promise<void> {
    const { networkName } = await this.ensureNamespace();
    const image = await this.agentImage();
    const env = this.agentEnv(spec);
    const specHash = createHash('sha256').update(JSON.stringify({ image, env, networkName, dnsName: spec.dnsName })).digest('hex').slice(0, 16);
    const found = await this.findAgents(spec.discoveryName);
    const current = found.find((info) => info.Labels[SC_LABEL.specHash] === specHash);
    const outdated = found.filter((info) => info !== current);

    let carried: ServiceConnectEndpoint[] = [];
    if (outdated.length) {
      carried = await this.describeEndpoints(spec.discoveryName).catch(() => []);
      await removeContainers(this.docker, outdated);
      this.admins.delete(spec.discoveryName);
    }
    const name = agentContainerName(this.options.stack, spec.discoveryName);
    let containerId: string;
    if (current) {
      await ensureRunning(this.docker, current); // re-attach: no restart when it runs
      containerId = current.Id;
    } else {
      containerId = await startHelperContainer(this.docker, {
        name,
        image,
        networkName,
        aliases: [spec.dnsName],
        adminPort: Number(env.SC_ADMIN_PORT),
        env,
        labels: stackLabels(this.options.stack, 'service-connect-agent', {
          [LABEL.discoveryName]: spec.discoveryName,
          [LABEL.service]: spec.serviceName,
          [SC_LABEL.namespace]: this.options.namespace,
          [SC_LABEL.specHash]: specHash,
        }),
      });
    }
    const admin = this.client(spec.discoveryName, containerId, Number(env.SC_ADMIN_PORT));
    await admin.waitHealthy();
    if (carried.length) await this.setEndpoints(spec.discoveryName, carried);
    if (!current) {
      this.stackEvent(`Started Service Connect agent ${spec.dnsName}:${spec.port} for ${spec.serviceName} (${name}).`, spec.serviceName);
    }
  }

  private agentEnv(spec: DiscoveryNameSpec): Record<string, string> {
    return agentEnvironment(spec, process.env, this.options.agentEnv);
  }

  private agentImage(): Promise<string> {
    this.image ??= (async () => {
      const base = await (this.options.nodeRuntimeImage ?? (() => ensureNodeRuntimeImage({ docker: this.docker })))();
      return ensureProgramImage(this.docker, { ...AGENT_IMAGE, sourceDir: AGENT_SOURCE_DIR }, base);
    })();
    this.image.catch(() => (this.image = undefined));
    return this.image;
  }

  private findAgents(discoveryName: string): Promise<Docker.ContainerInfo[]> {
    return findHelperContainers(this.docker, [
      ...stackFilter(this.options.stack, 'service-connect-agent').label,
      `${SC_LABEL.namespace}=${this.options.namespace}`,
      `${LABEL.discoveryName}=${discoveryName}`,
    ]);
  }

  private async adminFor(discoveryName: string): Promise<AdminClient> {
    const cached = this.admins.get(discoveryName);
    if (cached) return cached;
    const [agent] = await this.findAgents(discoveryName);
    if (!agent) throw new AgentNotFoundError(this.options.stack, discoveryName);
    const adminPort = agent.Ports.find((p) => p.IP === '127.0.0.1')?.PrivatePort ?? AGENT_ADMIN_PORT;
    return this.client(discoveryName, agent.Id, adminPort);
  }

  private client(discoveryName: string, containerId: string, adminPort: number): AdminClient {
    const client = new AdminClient({
      target: `Service Connect agent ${discoveryName}`,
      clock: this.clock,
      resolve: () => adminAccess(this.docker, containerId, adminPort),
    });
    this.admins.set(discoveryName, client);
    return client;
  }

  private stackEvent(message: string, serviceName?: string): void {
    this.emit({ kind: 'stack', message, serviceName });
  }
}

// Service Connect on a Docker engine: the namespace is a labelled bridge
// network, each discovery name a pair of agent containers that both hold the
// client alias as their network alias (see agent/agent.mjs for how that differs
// from ECS's per-task Envoy). Docker's DNS answers the alias with every holder's
// address, so when one agent dies callers connect to the other (README: "Agent
// pairs"). Docker is the truth: agents are found by their labels, so a restarted
// emulator re-attaches to running agents and the endpoints they hold.
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
import { planAgentSlots } from './agent-slots.js';
import { AgentNotFoundError } from './errors.js';
import { adminAccess, ensureRunning, findHelperContainers, removeContainers, startHelperContainer } from './helper-container.js';
import { AGENT_ADMIN_PORT, agentContainerName, agentSlot, namespaceNetworkName, SC_LABEL } from './names.js';
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
  /**
   * Agents per discovery name, all holding its alias. With two, killing one fails
   * no call but those inside it at that instant; one is the old single agent.
   * @default 2
   */
  readonly agentReplicas?: number;
}

/** Agents per discovery name unless told otherwise (README: "Agent pairs"). */
export const DEFAULT_AGENT_REPLICAS = 2;

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
  private readonly replicas: number;
  /** Admin clients of each discovery name's agents, one per agent. */
  private readonly admins = new Map<string, AdminClient[]>();
  private readonly ensuring = new Map<string, Promise<void>>();
  private image: Promise<string> | undefined;

  constructor(private readonly options: DockerServiceConnectOptions) {
    this.docker = options.docker ?? new Docker();
    this.clock = options.clock ?? systemClock;
    this.emit = options.emit ?? (() => {});
    this.networkName = namespaceNetworkName(options.stack, options.namespace);
    this.replicas = Math.max(1, Math.floor(options.agentReplicas ?? DEFAULT_AGENT_REPLICAS));
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

  /** Pushes the set to every agent of the name; throws when one of them did not take it (the others did). */
  async setEndpoints(discoveryName: string, endpoints: readonly ServiceConnectEndpoint[]): Promise<void> {
    const admins = await this.adminsFor(discoveryName);
    const body = endpoints.map(({ id, address, port }) => ({ id, address, port }));
    const results = await Promise.allSettled(admins.map((admin) => admin.call('PUT', '/endpoints', body)));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    this.emit({
      kind: 'service-connect',
      message: `Service Connect ${discoveryName}: ${endpoints.length} endpoint(s)${endpoints.length ? ` (${endpoints.map((e) => e.id).join(', ')})` : ''}.`,
      detail: { discoveryName, endpoints: body },
    });
  }

  /**
   * Per endpoint, the counters of every agent of the name added up (each keeps
   * its own outlier detection, as each task's Envoy does on ECS). An endpoint
   * counts as ejected while any agent keeps it out.
   */
  async describeEndpoints(discoveryName: string): Promise<ServiceConnectEndpointStats[]> {
    const admins = await this.adminsFor(discoveryName);
    const results = await Promise.allSettled(admins.map((admin) => admin.call<WireStats[]>('GET', '/endpoints')));
    const answers = results.filter((r): r is PromiseFulfilledResult<WireStats[]> => r.status === 'fulfilled').map((r) => r.value);
    if (answers.length === 0) throw (results[0] as PromiseRejectedResult).reason;
    return mergeStats(answers);
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

  /**
   * Keeps (and starts again when stopped: restart in place) every agent made from
   * the current spec, and starts one in each empty slot with the endpoints a
   * running agent serves now. Outdated agents are replaced one slot at a time, so
   * the name always has an agent that answers.
   */
  private async doEnsureAgent(spec: DiscoveryNameSpec): Promise<void> {
    const { networkName } = await this.ensureNamespace();
    const image = await this.agentImage();
    const env = this.agentEnv(spec);
    const specHash = createHash('sha256').update(JSON.stringify({ image, env, networkName, dnsName: spec.dnsName })).digest('hex').slice(0, 16);
    const found = await this.findAgents(spec.discoveryName);
    const byId = new Map(found.map((info) => [info.Id, info]));
    const plan = planAgentSlots(
      found.map((info) => ({ id: info.Id, slot: agentSlot(info.Labels), specHash: info.Labels[SC_LABEL.specHash] })),
      specHash,
      this.replicas,
    );
    const adminPort = Number(env.SC_ADMIN_PORT);

    const kept = await Promise.all(
      plan.keep.map(async ({ id }) => {
        await ensureRunning(this.docker, byId.get(id)!); // re-attach: no restart when it runs
        const admin = this.client(spec.discoveryName, id, adminPort);
        await admin.waitHealthy();
        return admin;
      }),
    );
    const seed = plan.fill.length ? await this.servedEndpoints(found, adminPort) : [];
    const fillOne = async ({ slot, replaces }: { slot: number; replaces: readonly string[] }): Promise<AdminClient> => {
      await removeContainers(this.docker, replaces.map((id) => byId.get(id)!));
      const name = agentContainerName(this.options.stack, spec.discoveryName, slot);
      const containerId = await startHelperContainer(this.docker, {
        name,
        image,
        networkName,
        aliases: [spec.dnsName],
        adminPort,
        // Not in the spec hash: the seed only matters until the first push.
        env: { ...env, SC_SEED_ENDPOINTS: JSON.stringify(seed) },
        labels: stackLabels(this.options.stack, 'service-connect-agent', {
          [LABEL.discoveryName]: spec.discoveryName,
          [LABEL.service]: spec.serviceName,
          [SC_LABEL.namespace]: this.options.namespace,
          [SC_LABEL.specHash]: specHash,
          [SC_LABEL.slot]: String(slot),
        }),
      });
      const admin = this.client(spec.discoveryName, containerId, adminPort);
      await admin.waitHealthy();
      this.stackEvent(`Started Service Connect agent ${spec.dnsName}:${spec.port} for ${spec.serviceName} (${name}).`, spec.serviceName);
      return admin;
    };
    const filled: AdminClient[] = [];
    if (plan.fill.some((f) => f.replaces.length > 0)) {
      // Replacing: one slot at a time, so the agents of the other slots serve meanwhile.
      for (const slot of plan.fill) filled.push(await fillOne(slot));
    } else {
      filled.push(...(await Promise.all(plan.fill.map(fillOne))));
    }
    await removeContainers(this.docker, plan.remove.map((id) => byId.get(id)!));
    this.admins.set(spec.discoveryName, [...kept, ...filled]);
  }

  /** What a running agent of the name serves now (the seed of a new one); none when no agent answers. */
  private async servedEndpoints(found: readonly Docker.ContainerInfo[], adminPort: number): Promise<ServiceConnectEndpoint[]> {
    for (const info of found.filter((i) => i.State === 'running')) {
      const admin = new AdminClient({
        target: `Service Connect agent ${info.Names[0] ?? info.Id}`,
        clock: this.clock,
        timeoutMs: 2_000,
        resolve: () => adminAccess(this.docker, info.Id, adminPortOf(info, adminPort)),
      });
      const stats = await admin.call<WireStats[]>('GET', '/endpoints').catch(() => undefined);
      if (stats) return stats.map(({ id, address, port }) => ({ id, address, port }));
    }
    return [];
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

  /** The name's agents as this emulator last ensured them, else the running ones Docker lists. */
  private async adminsFor(discoveryName: string): Promise<AdminClient[]> {
    const cached = this.admins.get(discoveryName);
    if (cached?.length) return cached;
    const running = (await this.findAgents(discoveryName)).filter((info) => info.State === 'running');
    if (running.length === 0) throw new AgentNotFoundError(this.options.stack, discoveryName);
    const admins = running.map((info) => this.client(discoveryName, info.Id, adminPortOf(info, AGENT_ADMIN_PORT)));
    this.admins.set(discoveryName, admins);
    return admins;
  }

  private client(discoveryName: string, containerId: string, adminPort: number): AdminClient {
    return new AdminClient({
      target: `Service Connect agent ${discoveryName}`,
      clock: this.clock,
      resolve: () => adminAccess(this.docker, containerId, adminPort),
    });
  }

  private stackEvent(message: string, serviceName?: string): void {
    this.emit({ kind: 'stack', message, serviceName });
  }
}

/** The admin port inside the container: the one published on 127.0.0.1. */
function adminPortOf(info: Docker.ContainerInfo, fallback: number): number {
  return info.Ports.find((p) => p.IP === '127.0.0.1')?.PrivatePort ?? fallback;
}

function mergeStats(answers: readonly WireStats[][]): ServiceConnectEndpointStats[] {
  const merged = new Map<string, { -readonly [K in keyof ServiceConnectEndpointStats]: ServiceConnectEndpointStats[K] }>();
  for (const stats of answers) {
    for (const s of stats) {
      const ejectedUntil = s.ejectedUntil === null ? undefined : Date.parse(s.ejectedUntil);
      const into = merged.get(s.id);
      if (!into) {
        merged.set(s.id, {
          id: s.id,
          address: s.address,
          port: s.port,
          requests: s.requests,
          successes: s.successes,
          failures: s.failures,
          ejections: s.ejections,
          ejectedUntil,
        });
        continue;
      }
      into.requests += s.requests;
      into.successes += s.successes;
      into.failures += s.failures;
      into.ejections += s.ejections;
      if (ejectedUntil !== undefined) into.ejectedUntil = Math.max(into.ejectedUntil ?? 0, ejectedUntil);
    }
  }
  return [...merged.values()];
}

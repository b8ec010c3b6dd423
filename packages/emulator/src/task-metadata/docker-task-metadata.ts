// The task metadata endpoint on Docker: one helper container per stack, on the
// namespace network, holding the alias `ecs-metadata` and listening on port 80.
//
// Deviation from AWS, on purpose: ECS serves the endpoint at the link-local
// address 169.254.170.2. A Docker bridge cannot give one fixed link-local
// address to a container in every stack's network (two networks may not share
// a subnet, and a 169.254.0.0/16 subnet on a bridge fights the host's own
// link-local routes). So tasks reach the endpoint by name, and
// ECS_CONTAINER_METADATA_URI_V4 says so: code that reads the variable, as AWS
// tells everyone to, works unchanged; code that hard-codes 169.254.170.2 does not.
//
// The endpoint cannot read Docker (no socket is mounted into it): the emulator
// pushes each task's document and its latest stats sample through the admin port.
import Docker from 'dockerode';
import { createHash } from 'node:crypto';
import { systemClock, type Clock } from '../clock/index.js';
import type { EmitEvent } from '../events/index.js';
import { ensureNodeRuntimeImage } from '@ecs-twin/images';
import { stackFilter, stackLabels } from '../labels/index.js';
import {
  AdminClient,
  adminAccess,
  ensureProgramImage,
  ensureRunning,
  findHelperContainers,
  removeContainers,
  SC_LABEL,
  startHelperContainer,
  type ProgramImageSpec,
} from '../service-connect/index.js';
import { METADATA_HOST } from './container-id.js';
import type { ContainerStatsSample, StatsPush, TaskMetadataRecord, TaskMetadataRegistry } from './contract.js';
import { enrichFromDocker } from './enrich-from-docker.js';
import { renderTaskMetadata, type V4Task } from './render-task.js';
import { emulatorSourcePath } from '../source-dir.js';

export interface DockerTaskMetadataOptions {
  readonly stack: string;
  /** The namespace network tasks join (DockerServiceConnect.ensureNamespace()). */
  readonly networkName: string;
  readonly docker?: Docker;
  readonly clock?: Clock;
  readonly emit?: EmitEvent;
  /** @default ensureNodeRuntimeImage() */
  readonly nodeRuntimeImage?: () => Promise<string>;
}

export const METADATA_IMAGE: Omit<ProgramImageSpec, 'sourceDir'> = {
  repository: 'ecs-twin/task-metadata',
  destination: '/metadata',
  entry: 'metadata-server.mjs',
  role: 'metadata-endpoint',
  nodeArgs: ['--max-old-space-size=32'],
};
const SERVER_SOURCE_DIR = emulatorSourcePath('task-metadata/server/');
const ADMIN_PORT = 9901;

export class DockerTaskMetadataRegistry implements TaskMetadataRegistry {
  private readonly docker: Docker;
  private readonly clock: Clock;
  private readonly emit: EmitEvent;
  private client: AdminClient | undefined;
  private ensuring: Promise<void> | undefined;
  /** Set by remove(): a late call (a stats push, a task's document) must not start the endpoint again. */
  private removed = false;

  constructor(private readonly options: DockerTaskMetadataOptions) {
    this.docker = options.docker ?? new Docker();
    this.clock = options.clock ?? systemClock;
    this.emit = options.emit ?? (() => {});
  }

  /** The container's Docker name. */
  get containerName(): string {
    return `ecs-twin_${this.options.stack}_task-metadata`;
  }

  ensure(): Promise<void> {
    this.removed = false;
    this.ensuring ??= this.doEnsure().finally(() => (this.ensuring = undefined));
    return this.ensuring;
  }

  async putTask(record: TaskMetadataRecord): Promise<void> {
    const enriched = await enrichFromDocker(this.docker, record, this.options.networkName);
    await (await this.admin()).call('PUT', `/tasks/${encodeURIComponent(record.taskId)}`, renderTaskMetadata(enriched));
  }

  async putStats(taskId: string, sample: ContainerStatsSample, containerName?: string): Promise<void> {
    await (await this.admin()).call('PUT', `/tasks/${encodeURIComponent(taskId)}/stats`, { container: containerName, stats: sample });
  }

  async putStatsBatch(samples: readonly StatsPush[]): Promise<void> {
    if (samples.length === 0) return;
    const body = { samples: samples.map((s) => ({ taskId: s.taskId, container: s.containerName, stats: s.sample })) };
    await (await this.admin()).call('PUT', '/stats', body);
  }

  async removeTask(taskId: string): Promise<void> {
    await (await this.admin()).call('DELETE', `/tasks/${encodeURIComponent(taskId)}`);
  }

  async remove(): Promise<void> {
    this.removed = true;
    const found = await this.find();
    await removeContainers(this.docker, found);
    this.client = undefined;
    if (found.length) this.emit({ kind: 'stack', message: `Removed the task metadata endpoint (${this.containerName}).` });
  }

  private async doEnsure(): Promise<void> {
    const base = await (this.options.nodeRuntimeImage ?? (() => ensureNodeRuntimeImage({ docker: this.docker })))();
    const image = await ensureProgramImage(this.docker, { ...METADATA_IMAGE, sourceDir: SERVER_SOURCE_DIR }, base);
    const specHash = createHash('sha256').update(JSON.stringify({ image, network: this.options.networkName })).digest('hex').slice(0, 16);
    const found = await this.find();
    const current = found.find((info) => info.Labels[SC_LABEL.specHash] === specHash);
    const outdated = found.filter((info) => info !== current);
    const carried = outdated.length ? await this.readAllTasks().catch(() => []) : [];
    if (outdated.length) {
      await removeContainers(this.docker, outdated);
      this.client = undefined;
    }
    let containerId: string;
    if (current) {
      await ensureRunning(this.docker, current);
      containerId = current.Id;
    } else {
      containerId = await startHelperContainer(this.docker, {
        name: this.containerName,
        image,
        networkName: this.options.networkName,
        aliases: [METADATA_HOST],
        adminPort: ADMIN_PORT,
        env: { MD_LISTEN_PORT: '80', MD_ADMIN_PORT: String(ADMIN_PORT) },
        labels: stackLabels(this.options.stack, 'metadata-endpoint', { [SC_LABEL.specHash]: specHash }),
      });
    }
    const client = this.newClient(containerId);
    await client.waitHealthy();
    for (const [taskId, task] of carried) await client.call('PUT', `/tasks/${encodeURIComponent(taskId)}`, task);
    if (!current) {
      this.emit({ kind: 'stack', message: `Started the task metadata endpoint http://${METADATA_HOST}/v4/ on ${this.options.networkName}.` });
    }
  }

  private async readAllTasks(): Promise<Array<[string, V4Task]>> {
    const admin = await this.admin();
    const ids = await admin.call<string[]>('GET', '/tasks');
    return Promise.all(ids.map(async (id) => [id, await admin.call<V4Task>('GET', `/tasks/${encodeURIComponent(id)}`)] as [string, V4Task]));
  }

  private find(): Promise<Docker.ContainerInfo[]> {
    return findHelperContainers(this.docker, stackFilter(this.options.stack, 'metadata-endpoint').label);
  }

  private async admin(): Promise<AdminClient> {
    if (this.removed) throw new Error('task metadata endpoint: removed (the stack is stopping)');
    if (this.client) return this.client;
    const [found] = await this.find();
    if (found) return this.newClient(found.Id);
    await this.ensure();
    if (!this.client) throw new Error('task metadata endpoint: ensure() left no admin client');
    return this.client;
  }

  private newClient(containerId: string): AdminClient {
    this.client = new AdminClient({
      target: 'task metadata endpoint',
      clock: this.clock,
      resolve: () => adminAccess(this.docker, containerId, ADMIN_PORT),
    });
    return this.client;
  }
}

// The task metadata endpoint against the real Docker engine: a task container
// reads its own metadata through ECS_CONTAINER_METADATA_URI_V4.
import { loadStack } from '@ecs-twin/manifest';
import Docker from 'dockerode';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { ensureNodeRuntimeImage } from '@ecs-twin/images';
import { DockerServiceConnect } from '../service-connect/index.js';
import { ID_SERVER_SCRIPT, lastJsonLine, removeStackObjects, startNodeContainer } from '../service-connect/testing/node-containers.js';
import { metadataContainerId, metadataEnvironment } from './container-id.js';
import { DockerTaskMetadataRegistry } from './docker-task-metadata.js';
import { taskMetadataRecord } from './task-lifecycle.js';

process.env.ECS_TWIN_TEST = 'true';
const TIMEOUT = 180_000;

const docker = new Docker();
const stack = `md-int-${randomBytes(3).toString('hex')}`;
const taskId = randomBytes(16).toString('hex');
const containerName = 'container-users';

let registry: DockerTaskMetadataRegistry;
let sc: DockerServiceConnect;
let taskContainerId: string;
let taskIp: string;

// What a task does: read the variable, call the paths. Printed as one JSON line.
const READ_METADATA = `
(async () => {
  const base = process.env.ECS_CONTAINER_METADATA_URI_V4;
  const out = { base };
  for (const [key, path] of [['container', ''], ['task', '/task'], ['stats', '/stats'], ['taskStats', '/task/stats']]) {
    const res = await fetch(base + path);
    out[key] = { status: res.status, body: await res.json() };
  }
  console.log(JSON.stringify(out));
})().catch((e) => console.log(JSON.stringify({ error: String(e.cause || e) })));
`;

/** Runs `node -e` inside the task container (docker exec, TTY: raw output). */
async function execInTask(script: string): Promise<string> {
  const exec = await docker.getContainer(taskContainerId).exec({ Cmd: ['node', '-e', script], AttachStdout: true, AttachStderr: true, Tty: true });
  const stream = await exec.start({ hijack: true, stdin: false, Tty: true });
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

async function pushTask(lastStatus = 'RUNNING'): Promise<void> {
  const manifest = await loadStack(join(import.meta.dirname, '..', '..', '..', '..', 'stack.yaml'));
  const users = manifest.services.find((s) => s.key === 'users')!;
  await registry.putTask(
    taskMetadataRecord(manifest, users, users.taskDefinition, {
      taskId,
      serviceName: users.serviceName,
      taskDefinition: `${users.taskDefinition.family}:4`,
      containerName,
      containerId: taskContainerId,
      lastStatus,
      createdAt: Date.now() - 2_000,
      startedAt: Date.now() - 1_000,
      namespaceIp: taskIp,
    }),
  );
}

beforeAll(async () => {
  const image = await ensureNodeRuntimeImage({ docker });
  sc = new DockerServiceConnect({ stack, namespace: 'ecs-tutorial', docker });
  const { networkName } = await sc.ensureNamespace();
  registry = new DockerTaskMetadataRegistry({ stack, networkName, docker });
  await registry.ensure();
  const task = await startNodeContainer(docker, {
    stack,
    image,
    networkName,
    name: `${stack}_task`,
    script: ID_SERVER_SCRIPT,
    env: { ID: 'users-1', ...metadataEnvironment(taskId, containerName) },
  });
  taskContainerId = task.id;
  taskIp = task.ip;
}, TIMEOUT);

afterAll(async () => {
  await removeStackObjects(docker, stack);
}, TIMEOUT);

describe('task metadata endpoint v4 on Docker', () => {
  it("answers a task's container, task and stats paths with its real values", async () => {
    await pushTask();
    const sample = (await docker.getContainer(taskContainerId).stats({ stream: false })) as unknown as Record<string, unknown>;
    // The emulator's once-a-second push: one request for every task; an unknown task is skipped, not fatal.
    await registry.putStatsBatch([{ taskId: 'not-a-task-of-this-stack', sample }, { taskId, sample }]);

    const result = lastJsonLine<Record<string, { status: number; body: Record<string, unknown> }> & { base: string }>(await execInTask(READ_METADATA));
    const dockerId = metadataContainerId(taskId, containerName);
    expect(result.base).toBe(`http://ecs-metadata/v4/${dockerId}`);
    expect(result.task!.status).toBe(200);
    expect(result.task!.body).toMatchObject({
      Cluster: 'arn:aws:ecs:us-west-1:000000000000:cluster/ecs-cluster',
      ServiceName: 'service-users-ecs',
      TaskARN: `arn:aws:ecs:us-west-1:000000000000:task/ecs-cluster/${taskId}`,
      Family: 'service-users-td',
      Revision: '4',
      DesiredStatus: 'RUNNING',
      KnownStatus: 'RUNNING',
      Limits: { CPU: 0.25, Memory: 512 },
      LaunchType: 'FARGATE',
    });
    const inspect = await docker.getContainer(taskContainerId).inspect();
    expect(result.container).toMatchObject({
      status: 200,
      body: {
        DockerId: dockerId,
        Name: containerName,
        DockerName: `${stack}_task`,
        Image: 'service-users:v0.0.1',
        ImageID: inspect.Image,
        StartedAt: new Date(inspect.State.StartedAt).toISOString(),
        Networks: [expect.objectContaining({ NetworkMode: 'awsvpc', IPv4Addresses: [taskIp], MACAddress: expect.stringMatching(/^[0-9a-f:]{17}$/) })],
      },
    });
    expect(result.stats!.status).toBe(200);
    expect(result.stats!.body).toHaveProperty('memory_stats');
    expect(result.stats!.body).toHaveProperty('cpu_stats');
    expect(Object.keys(result.taskStats!.body)).toEqual([dockerId]);
  }, TIMEOUT);

  it('re-attaches to the running endpoint, which still serves the task', async () => {
    const before = await docker.listContainers({ filters: { label: [`ecs-twin.stack=${stack}`, 'ecs-twin.role=metadata-endpoint'] } });
    const { networkName } = await sc.ensureNamespace();
    const again = new DockerTaskMetadataRegistry({ stack, networkName, docker });
    await again.ensure();
    const after = await docker.listContainers({ filters: { label: [`ecs-twin.stack=${stack}`, 'ecs-twin.role=metadata-endpoint'] } });
    expect(after.map((c) => c.Id)).toEqual(before.map((c) => c.Id));
    const result = lastJsonLine<Record<string, { status: number }>>(await execInTask(READ_METADATA));
    expect(result.task!.status).toBe(200);
  }, TIMEOUT);

  it('forgets a removed task, and remove() takes only its own container', async () => {
    await registry.removeTask(taskId);
    const result = lastJsonLine<Record<string, { status: number }>>(await execInTask(READ_METADATA));
    expect(result.task!.status).toBe(404);
    await registry.remove();
    const left = await docker.listContainers({ all: true, filters: { label: [`ecs-twin.stack=${stack}`] } });
    expect(left.map((c) => c.Labels['ecs-twin.role'])).toEqual(['task']);
  }, TIMEOUT);
});

import Docker from 'dockerode';
import { ensureNodeRuntimeImage } from '@ecs-twin/images';
import { LABEL } from '../labels/index.js';
import { DockerRuntime } from './docker-runtime.js';

// Real engine: a task definition larger than this host (Fargate allows up to
// cpu: 16384) must start, limited to the host's CPUs, instead of failing with
// "Range of CPUs is from 0.01 to N" on every launch.
const docker = new Docker();
const STACK = 'docker-runtime-int';

describe('DockerRuntime on a real engine', () => {
  const runtime = new DockerRuntime(docker);
  const started: string[] = [];
  let image: string;

  beforeAll(async () => {
    image = await ensureNodeRuntimeImage({ docker });
  }, 120_000);
  afterAll(async () => {
    await Promise.all(started.map((id) => runtime.remove(id)));
  });

  it('starts a task larger than the host, limited to the host CPUs the engine reports', async () => {
    const hostCpus = (await docker.info()).NCPU as number;
    const cpuUnits = Math.max(4096, (hostCpus + 1) * 1024);
    const task = await runtime.runTask({
      name: `${STACK}-${Date.now()}`,
      image,
      cpuUnits,
      memoryMiB: 256,
      environment: {},
      labels: { [LABEL.stack]: STACK, [LABEL.test]: 'true' },
      stopTimeoutSeconds: 1,
      command: ['node', '-e', 'setTimeout(() => {}, 60_000)'],
    });
    started.push(task.containerId);
    expect(task.cpuLimitedTo).toBe(hostCpus);
    expect(await runtime.hostCpus()).toBe(hostCpus);
    const info = await docker.getContainer(task.containerId).inspect();
    expect(info.State.Running).toBe(true);
    expect(info.HostConfig.NanoCpus).toBe(hostCpus * 1e9);
  }, 60_000);

  it('gives a task that fits the host exactly its size', async () => {
    const task = await runtime.runTask({
      name: `${STACK}-small-${Date.now()}`,
      image,
      cpuUnits: 256,
      memoryMiB: 256,
      environment: {},
      labels: { [LABEL.stack]: STACK, [LABEL.test]: 'true' },
      stopTimeoutSeconds: 1,
      command: ['node', '-e', 'setTimeout(() => {}, 60_000)'],
    });
    started.push(task.containerId);
    expect(task.cpuLimitedTo).toBeUndefined();
    expect((await docker.getContainer(task.containerId).inspect()).HostConfig.NanoCpus).toBe(0.25e9);
  }, 60_000);
});

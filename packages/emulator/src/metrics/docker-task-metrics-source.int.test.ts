import Docker from 'dockerode';
import { ensureNodeRuntimeImage } from '@ecs-twin/images';
import { LABEL } from '../labels/index.js';
import { DockerTaskMetricsSource } from './docker-task-metrics-source.js';

// Real engine: containers limited like the tutorial's tasks (0.25 vCPU, 512 MiB),
// read through one streaming stats connection each.
const docker = new Docker();
const STACK = 'autoscaling-metrics-int';
const BUSY = 'let x = 0; for (;;) x++';
const LIGHT = 'setInterval(() => { const t = Date.now(); while (Date.now() - t < 10) {} }, 100)';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('DockerTaskMetricsSource (real Docker stats stream)', () => {
  const created: Docker.Container[] = [];
  let image: string;

  async function task(program: string): Promise<string> {
    const container = await docker.createContainer({
      Image: image,
      Cmd: ['node', '-e', program],
      Labels: { [LABEL.stack]: STACK, [LABEL.test]: 'true' },
      HostConfig: { NanoCpus: 0.25e9, Memory: 512 * 1024 * 1024 },
    });
    created.push(container);
    await container.start();
    return container.id;
  }

  beforeAll(async () => {
    image = await ensureNodeRuntimeImage({ docker });
  }, 120_000);
  afterAll(async () => {
    await Promise.all(created.map((c) => c.remove({ force: true }).catch(() => undefined)));
  });

  it('reads a busy task near 100% of its 0.25 vCPU and a light one below it', async () => {
    const metrics = new DockerTaskMetricsSource(docker);
    const busy = await task(BUSY);
    const light = await task(LIGHT);
    metrics.subscribe('busy-task', busy, { serviceName: 'svc-busy', cpuUnits: 256, memoryMiB: 512 });
    metrics.subscribe('busy-task', busy, { serviceName: 'svc-busy', cpuUnits: 256, memoryMiB: 512 }); // idempotent
    metrics.subscribe('light-task', light, { serviceName: 'svc-light', cpuUnits: 256, memoryMiB: 512 });
    await sleep(6000);
    const now = Date.now();

    // A busy loop reads ~100% on an idle host; on a host shared with parallel
    // builds the CFS gives it less, hence the margin. Without the reservation
    // scaling it would read 12.5% (one core of two, x 0.25), so this still tells.
    const busyLatest = metrics.latest('busy-task')!;
    expect(busyLatest.cpuPercent).toBeGreaterThan(50);
    expect(busyLatest.cpuPercent).toBeLessThanOrEqual(100);
    expect(busyLatest.memoryPercent).toBeGreaterThan(0.5);
    expect(busyLatest.memoryPercent).toBeLessThan(20);
    expect(now - busyLatest.at).toBeLessThan(2500); // one sample about every second

    const busyPoint = metrics.datapoint('svc-busy', now - 4000, now + 1);
    expect(busyPoint.reportingTasks).toBe(1);
    expect(busyPoint.cpu!).toBeGreaterThan(50);

    const lightPoint = metrics.datapoint('svc-light', now - 4000, now + 1);
    expect(lightPoint.cpu!).toBeGreaterThan(5);
    expect(lightPoint.cpu!).toBeLessThan(busyPoint.cpu!);
    expect(metrics.subscribedTasks().sort()).toEqual(['busy-task', 'light-task']);

    metrics.unsubscribe('light-task');
    expect(metrics.subscribedTasks()).toEqual(['busy-task']);
    await metrics.close();
    expect(metrics.subscribedTasks()).toEqual([]);
  }, 60_000);

  it('ends the stream when the container stops, and that period is missing data', async () => {
    const metrics = new DockerTaskMetricsSource(docker);
    const id = await task(BUSY);
    metrics.subscribe('short-task', id, { serviceName: 'svc-short', cpuUnits: 256, memoryMiB: 512 });
    await sleep(3000);
    await docker.getContainer(id).kill();
    await sleep(2500);
    const now = Date.now();
    expect(metrics.datapoint('svc-short', now - 1000, now).cpu).toBeUndefined();
    expect(metrics.latest('short-task')).toBeDefined();
    await metrics.close();
  }, 60_000);
});

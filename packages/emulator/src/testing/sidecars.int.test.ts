import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { systemClock } from '../clock/index.js';
import { DockerRuntime } from '../docker/index.js';
import { readServiceLogs, type ServiceLogLine } from '../logs/index.js';
import { docker, get, stackForSuite, waitFor } from './int-helpers.js';

// A task definition with several containers, on the real engine: they run as one
// task sharing localhost (awsvpc), a non-essential container may exit, and an
// essential one's exit stops the whole task, which is then replaced
// (testdata/sidecars.yaml).
process.env.ECS_TWIN_TEST = 'true';
const MANIFEST = fileURLToPath(new URL('../../testdata/sidecars.yaml', import.meta.url));
const NAME = `it-sidecars-${process.pid}`;
const WEB = 'service-web-ecs';

interface Inspected {
  State: { Running: boolean; ExitCode: number };
  HostConfig: { NetworkMode: string; Memory: number; NanoCpus: number };
}
const inspect = async (id: string) => (JSON.parse(await docker('inspect', id)) as [Inspected])[0];

describe('a task definition with sidecar containers (testing API, free ports)', () => {
  const started = stackForSuite({ file: MANIFEST, ports: 'free', stackName: NAME });
  const webTasks = () => started().status().tasks.filter((t) => t.serviceName === WEB);

  it('runs all of its containers as one task that shares localhost; the non-essential one exits and the task runs on', async () => {
    const stack = started();
    // container-web answers with what it fetched from the sidecar on 127.0.0.1:4000.
    expect(await get(`${stack.url('web')}/`)).toEqual({ status: 200, body: 'web got: from the sidecar' });
    await waitFor('init to exit', () => webTasks()[0]?.containers.find((c) => c.name === 'init')?.lastStatus === 'STOPPED', 60_000);
    const [task, ...others] = webTasks();
    expect(others).toEqual([]);
    expect(task).toMatchObject({ lastStatus: 'RUNNING', healthStatus: 'HEALTHY' });
    expect(task!.containers).toEqual([
      { name: 'container-web', lastStatus: 'RUNNING', essential: true },
      { name: 'sidecar', lastStatus: 'RUNNING', essential: true },
      { name: 'init', lastStatus: 'STOPPED', essential: false },
    ]);
    // The engine agrees: the sidecars joined the main container's network namespace, under the task's limits.
    const sidecars = (await docker('ps', '-aq', '--filter', `label=ecs-twin.task-id=${task!.taskId}`, '--filter', 'label=ecs-twin.sidecar=true')).split('\n');
    expect(sidecars).toHaveLength(2);
    for (const id of sidecars) {
      expect((await inspect(id)).HostConfig).toMatchObject({ NetworkMode: `container:${task!.containerId}`, Memory: 512 * 2 ** 20, NanoCpus: 0.25e9 });
    }
    expect(await get(`${stack.url('web')}/`)).toEqual({ status: 200, body: 'web got: from the sidecar' });
    // Each container has its own awslogs stream; the exited init's is kept.
    const lines: ServiceLogLine[] = [];
    const noArchive = await mkdtemp(join(tmpdir(), 'ecs-twin-logs-'));
    await readServiceLogs(stack.stack, WEB, new DockerRuntime(), noArchive, (l) => lines.push(l), { clock: systemClock });
    expect(lines.filter((l) => l.streamName === `ecs/init/${task!.taskId}`).map((l) => l.text)).toEqual(['init done']);
  }, 180_000);

  it("an essential sidecar's exit stops the task (its main container too) with ECS's reason, and a replacement serves", async () => {
    const stack = started();
    const [victim] = webTasks().filter((t) => t.lastStatus === 'RUNNING');
    const sidecar = await docker('ps', '-q', '--filter', `label=ecs-twin.task-id=${victim!.taskId}`, '--filter', 'label=ecs-twin.container=sidecar');
    await docker('kill', sidecar);
    await waitFor('the task to be stopped', () => webTasks().some((t) => t.taskId === victim!.taskId && t.lastStatus === 'STOPPED'), 60_000);
    expect(webTasks().find((t) => t.taskId === victim!.taskId)).toMatchObject({
      stopCode: 'EssentialContainerExited',
      stoppedReason: 'Essential container in task exited',
      exitCode: 137,
    });
    await waitFor('the main container to be stopped', async () => !(await inspect(victim!.containerId!)).State.Running, 60_000);
    await waitFor('a replacement to serve', async () => (await get(`${stack.url('web')}/`)).status === 200, 120_000);
    expect(await get(`${stack.url('web')}/`)).toEqual({ status: 200, body: 'web got: from the sidecar' });
    const events = stack.status().services.find((s) => s.serviceName === WEB)!.events.map((e) => e.message);
    expect(events).toContain(`(service ${WEB}) (task ${victim!.taskId}) stopped: Essential container in task exited (exit code 137).`);
  }, 240_000);
});

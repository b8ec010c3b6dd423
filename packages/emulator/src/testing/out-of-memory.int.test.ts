import { fileURLToPath } from 'node:url';
import { docker, get, stackForSuite, TUTORIAL, waitFor } from './int-helpers.js';

// A task that outgrows its task definition's memory, on the real engine: the
// kernel kills it at the hard limit (512 MiB, no swap), ECS's stopped reason is
// reported, and the scheduler starts a replacement. The `hog` service is the
// products image with its command replaced (testdata/out-of-memory.yaml).
process.env.ECS_TWIN_TEST = 'true';
const MANIFEST = fileURLToPath(new URL('../../testdata/out-of-memory.yaml', import.meta.url));
const NAME = `it-oom-${process.pid}`;
const HOG = 'service-hog-ecs';

describe('a task that runs out of memory (testing API, free ports)', () => {
  const started = stackForSuite({ file: MANIFEST, ports: 'free', stackName: NAME });

  it("is killed at the task's memory limit with exit 137 and ECS's reason, and is replaced", async () => {
    const stack = started();
    const hogTasks = () => stack.status().tasks.filter((t) => t.serviceName === HOG);
    const oomKilled = () => hogTasks().find((t) => t.lastStatus === 'STOPPED');
    await waitFor('the hog task to be stopped', () => oomKilled() !== undefined, 120_000);
    const victim = oomKilled()!;
    expect(victim).toMatchObject({
      stopCode: 'EssentialContainerExited',
      stoppedReason: 'OutOfMemoryError: Container killed due to memory usage',
      exitCode: 137,
    });
    // The engine agrees: the kernel's OOM killer, at the 512 MiB the task definition gives.
    const inspected = JSON.parse(await docker('inspect', victim.containerId!)) as [
      { State: { OOMKilled: boolean; ExitCode: number }; HostConfig: { Memory: number; MemorySwap: number } },
    ];
    expect(inspected[0].State).toMatchObject({ OOMKilled: true, ExitCode: 137 });
    expect(inspected[0].HostConfig).toMatchObject({ Memory: 512 * 2 ** 20, MemorySwap: 512 * 2 ** 20 });

    await waitFor('a replacement hog task', () => hogTasks().some((t) => t.taskId !== victim.taskId && t.lastStatus !== 'STOPPED'), 120_000);
    const events = stack.status().services.find((s) => s.serviceName === HOG)!.events.map((e) => e.message);
    expect(events).toContain(`(service ${HOG}) (task ${victim.taskId}) stopped: OutOfMemoryError: Container killed due to memory usage (exit code 137).`);
    // The other service is untouched.
    expect(await get(`${stack.url('products')}/products`)).toEqual({ status: 200, body: `${TUTORIAL.products}\n` });
  }, 300_000);
});

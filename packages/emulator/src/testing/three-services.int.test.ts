import { fileURLToPath } from 'node:url';
import { docker, get, stackForSuite, TUTORIAL, waitFor } from './int-helpers.js';

// A manifest with a third service and a third listener, run with no code change:
// the emulator knows no service names. Free ports, so it runs beside other stacks.
// The third service (two tasks, no autoscaling) is where a task gets killed.
process.env.ECS_TWIN_TEST = 'true';
const MANIFEST = fileURLToPath(new URL('../../testdata/three-services.yaml', import.meta.url));
const NAME = `it-three-${process.pid}`;
const CATALOG = 'service-catalog-ecs';

describe('three services, three listeners (testing API, free ports)', () => {
  const started = stackForSuite({ file: MANIFEST, ports: 'free', stackName: NAME });

  it('serves every listener, and the third service reaches users through Service Connect', async () => {
    const stack = started();
    expect(Object.keys(stack.urls).sort()).toEqual(['8000', '8001', '8002']);
    expect(Object.values(stack.urls).every((u) => /^http:\/\/127\.0\.0\.1:\d+$/.test(u) && !u.endsWith(':8000'))).toBe(true);
    expect((await get(`${stack.urls[8002]}/`)).body).toContain('catalog-v1');
    expect(await get(`${stack.url('catalog')}/products`)).toEqual({ status: 200, body: `${TUTORIAL.products}\n` });
    expect(await get(`${stack.urls[8002]}/service-users`)).toEqual({ status: 200, body: `${TUTORIAL.users}\n` });
    expect(await get(`${stack.urls[8000]}/service-products`)).toEqual({ status: 200, body: `${TUTORIAL.products}\n` });
    const catalog = stack.status().services.find((s) => s.serviceName === CATALOG)!;
    expect(catalog).toMatchObject({ desiredCount: 2, runningCount: 2, taskDefinition: 'service-catalog-td:1' });
  });

  it('replaces a task killed with `docker kill`, and the listener keeps answering', async () => {
    const stack = started();
    const url = `${stack.urls[8002]}/products`;
    const running = () => stack.status().tasks.filter((t) => t.serviceName === CATALOG && t.lastStatus === 'RUNNING');
    const victim = running()[0]!;
    const results: number[] = [];
    let loading = true;
    const load = (async () => {
      while (loading) {
        results.push((await get(url, 3000)).status);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    await new Promise((r) => setTimeout(r, 500));
    const killedAt = results.length;
    await docker('kill', victim.containerId!);
    await waitFor(
      'a healthy replacement',
      () => running().filter((t) => t.healthStatus === 'HEALTHY').length === 2 && !running().some((t) => t.taskId === victim.taskId),
      120_000,
    );
    await new Promise((r) => setTimeout(r, 500));
    loading = false;
    await load;

    // Only requests sent to the dead task before Docker's `die` event reached the
    // emulator fail (one in flight, plus at most a couple in the event's few ms);
    // an ALB would keep failing its share until the health checks caught up.
    expect(results.slice(killedAt).filter((s) => s !== 200).length).toBeLessThanOrEqual(3);
    expect(results.length - killedAt).toBeGreaterThan(20);
    const stopped = stack.status().tasks.find((t) => t.taskId === victim.taskId)!;
    expect(stopped).toMatchObject({ lastStatus: 'STOPPED', stopCode: 'EssentialContainerExited', stoppedReason: 'Essential container in task exited' });
    const events = stack.status().services.find((s) => s.serviceName === CATALOG)!.events.map((e) => e.message);
    expect(events).toContain(`(service ${CATALOG}) (task ${victim.taskId}) stopped: Essential container in task exited (exit code 137).`);
    expect(events).toContainEqual(expect.stringMatching(new RegExp(`^\\(service ${CATALOG}\\) has started 1 tasks: \\(task [0-9a-f]{32}\\)\\.$`)));
  }, 180_000);
});

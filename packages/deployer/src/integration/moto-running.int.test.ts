// moto with MOTO_ECS_SERVICE_RUNNING: its services report running tasks and a
// COMPLETED rollout, so the wait takes the "done" path (applied revision PRIMARY
// and COMPLETED, then healthy targets) instead of "no task ever started".
import { DescribeTargetGroupsCommand, RegisterTargetsCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { Stack } from '@ecs-twin/manifest';
import { startHarness, type Harness } from './moto-harness.js';

let h: Harness;
let stack: Stack;
beforeAll(async () => {
  h = await startHarness({ MOTO_ECS_SERVICE_RUNNING: '1' });
  stack = await h.stack();
}, 60_000);
afterAll(async () => h?.close());

const FAST = { maxWaitSeconds: 60, minDelaySeconds: 1, maxDelaySeconds: 2, noTaskGraceSeconds: 10 };

it('waits for the rollout, then for healthy targets, and reports the services done', async () => {
  let registered = false;
  const result = await h.apply(stack, {
    wait: FAST,
    emit: (e) => {
      h.events.push(e);
      // moto's ECS registers no target: do what ECS does once the rollout completed.
      if (e.type === 'wait-progress' && !registered && e.services.every((s) => s.phase === 'targets')) {
        registered = true;
        void (async () => {
          const tgs = (await h.clients.elbv2.send(new DescribeTargetGroupsCommand({ Names: ['service-users-tg', 'service-products-tg'] }))).TargetGroups!;
          for (const tg of tgs) {
            await h.clients.elbv2.send(new RegisterTargetsCommand({ TargetGroupArn: tg.TargetGroupArn, Targets: [{ Id: '10.0.1.10', Port: 3000 }] }));
          }
        })();
      }
    },
  });
  expect(result.result.wait).toEqual({ state: 'stable' });
  const polls = h.events.flatMap((e) => (e.type === 'wait-progress' ? [e.services] : []));
  expect(polls[0]!.map((s) => [s.service, s.phase, s.rolloutState, s.running])).toEqual([
    ['service-users-ecs', 'targets', 'COMPLETED', 1],
    ['service-products-ecs', 'targets', 'COMPLETED', 1],
  ]);
  expect(polls.at(-1)!.map((s) => [s.phase, s.healthyTargets])).toEqual([['done', 1], ['done', 1]]);
  // The second apply changes nothing and makes no mutating call.
  h.recorder.reset();
  const again = await h.apply(stack, { wait: FAST });
  expect(again.prepared.steps.filter((s) => s.action !== 'noop')).toEqual([]);
  expect(h.recorder.mutating).toEqual([]);
}, 90_000);

it('warns, instead of hanging, when no target is ever registered (moto runs no load balancer)', async () => {
  await h.moto.reset();
  h.events.length = 0;
  const result = await h.apply(stack, { wait: { ...FAST, noTaskGraceSeconds: 3 } });
  expect(result.result.wait?.state).toBe('no-tasks');
  expect(h.events.some((e) => e.type === 'warning' && /no target was registered/.test(e.message))).toBe(true);
}, 90_000);

// Child process of the benchmark: our ApplicationLoadBalancer, alone in its
// process (as in the emulator), in front of the task ports given in argv.
// Prints one JSON line {"port":N} once every target is healthy; SIGTERM stops it.
import type { LoadBalancerSpec } from '@ecs-twin/manifest';
import { ApplicationLoadBalancer } from '../../packages/emulator/src/load-balancer/index.js';
import { localTiming } from '../../packages/emulator/src/timing/index.js';
import { proxyProcessArgs } from './proxy-process.js';

const { taskPorts, listenPort } = proxyProcessArgs();

const spec: LoadBalancerSpec = {
  name: 'bench-alb',
  scheme: 'internet-facing',
  idleTimeoutSeconds: 60,
  securityGroups: [],
  listeners: [{ port: 8000, protocol: 'HTTP', targetGroupName: 'bench-tg' }],
  targetGroups: [
    {
      name: 'bench-tg',
      port: 3000,
      protocol: 'HTTP',
      targetType: 'ip',
      healthCheck: { path: '/health', port: 'traffic-port', intervalSeconds: 30, timeoutSeconds: 5, healthyThresholdCount: 5, unhealthyThresholdCount: 2, matcher: '200' },
      deregistrationDelaySeconds: 300,
      loadBalancingAlgorithm: 'round_robin',
    },
  ],
};

// The local timing profile, as `pnpm emulate` runs by default: one check every 2 s per target.
const alb = new ApplicationLoadBalancer({ spec, timing: localTiming, portOverrides: { 8000: listenPort } });
await alb.start();
alb.registerTargets('bench-tg', taskPorts.map((port, i) => ({ id: `task-${i}`, host: '127.0.0.1', port })));
const waitingSince = Date.now();
let reported = waitingSince;
while (!alb.describeTargetHealth('bench-tg').every((t) => t.state === 'healthy')) {
  await new Promise((resolve) => setTimeout(resolve, 100));
  if (Date.now() - reported > 5_000) {
    reported = Date.now();
    const states = alb.describeTargetHealth('bench-tg').map((t) => `${t.id}=${t.state}${t.reason ? `(${t.reason})` : ''}`);
    process.stderr.write(`alb: waiting ${Math.round((reported - waitingSince) / 1000)} s for healthy targets: ${states.join(' ')}\n`);
  }
}
process.stdout.write(`${JSON.stringify({ port: alb.listeners()[0]!.boundPort })}\n`);
process.once('SIGTERM', () => {
  void alb.stop().then(() => process.exit(0));
});

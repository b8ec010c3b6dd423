import { ConflictError } from '../errors/index.js';
import { emptyAccount, observedFromDesired, tutorialStack, withService } from '../testing/index.js';
import { NOT_REPORTED } from './diff.js';
import type { ObservedStack } from './observed-types.js';
import { desiredFor, planDeployment } from './plan-deployment.js';
import type { PlanStep } from './plan-step.js';
import { ADOPTED_NOTE } from './step-for.js';

const stack = tutorialStack();
const applied = (s = stack): ObservedStack => observedFromDesired(desiredFor(s, emptyAccount()));
const changed = (steps: PlanStep[]) => steps.filter((s) => s.action !== 'noop');
const keys = (steps: PlanStep[]) => steps.map((s) => `${s.action} ${s.kind} ${s.name}`);
const stepOf = (steps: PlanStep[], kind: string, name: string) => steps.find((s) => s.kind === kind && s.name === name)!;

describe('planDeployment: resources', () => {
  it('updates a target group in place when its health check changes', () => {
    const next = tutorialStack({
      loadBalancer: {
        ...stack.loadBalancer,
        targetGroups: stack.loadBalancer.targetGroups.map((t) =>
          t.name === 'service-users-tg' ? { ...t, healthCheck: { ...t.healthCheck, path: '/ready' } } : t),
      },
    });
    const steps = changed(planDeployment(next, applied()));
    expect(keys(steps)).toEqual(['update target-group service-users-tg']);
    expect(steps[0]!.changes[0]!.field).toBe('healthCheck');
  });

  it('plans a replace when a target group port changes, and says why', () => {
    const next = tutorialStack({
      loadBalancer: { ...stack.loadBalancer, targetGroups: stack.loadBalancer.targetGroups.map((t) => ({ ...t, port: 8080 })) },
    });
    const step = stepOf(planDeployment(next, applied()), 'target-group', 'service-users-tg');
    expect(step.action).toBe('replace');
    expect(step.note).toContain('port');
  });

  it('updates a security group whose ingress rules change', () => {
    const next = tutorialStack({
      network: {
        ...stack.network,
        securityGroups: stack.network.securityGroups.map((g) =>
          g.name === 'container-lb-sg' ? { ...g, ingress: [...g.ingress, { port: 8002, from: 'anywhere' }] } : g),
      },
    });
    const steps = changed(planDeployment(next, applied()));
    expect(keys(steps)).toEqual(['update security-group container-lb-sg']);
  });

  it('updates a listener that forwards to another target group', () => {
    const next = tutorialStack({
      loadBalancer: {
        ...stack.loadBalancer,
        listeners: stack.loadBalancer.listeners.map((l) => (l.port === 8000 ? { ...l, targetGroupName: 'service-products-tg' } : l)),
      },
    });
    const steps = changed(planDeployment(next, applied()));
    expect(keys(steps)).toEqual(['update listener 8000']);
    expect(steps[0]!.changes).toEqual([{ field: 'targetGroupName', from: 'service-users-tg', to: 'service-products-tg' }]);
  });

  it('updates the role when a managed policy is added', () => {
    const next = tutorialStack({ executionRole: { ...stack.executionRole, managedPolicies: [...stack.executionRole.managedPolicies, 'AmazonSSMReadOnlyAccess'] } });
    expect(keys(changed(planDeployment(next, applied())))).toEqual(['update role ecs-task-execution-role']);
  });

  it('registers a new revision when an environment variable changes, and moves the service to it', () => {
    const next = withService(stack, 'users', (s) => ({
      ...s,
      taskDefinition: {
        ...s.taskDefinition,
        containers: s.taskDefinition.containers.map((c) => ({ ...c, environment: { ...c.environment, LOG_LEVEL: 'debug' } })),
      },
    }));
    const steps = changed(planDeployment(next, applied()));
    expect(keys(steps)).toEqual(['update task-definition service-users-td', 'update service service-users-ecs']);
    expect(steps[0]!.changes[0]!.field).toBe('containers[container-users].environment');
  });

  it.each([
    ['command', { command: ['node', 'dist/main.js'] }],
    ['entryPoint', { entryPoint: ['node'] }],
    ['healthCheck', { healthCheck: { command: ['CMD', 'true'], intervalSeconds: 30, timeoutSeconds: 5, retries: 3, startPeriodSeconds: 0 } }],
  ])('registers a new revision when a container gains a %s, and again when it loses it', (field, extra) => {
    const withExtra = (s: typeof stack) =>
      withService(s, 'users', (svc) => ({
        ...svc,
        taskDefinition: { ...svc.taskDefinition, containers: svc.taskDefinition.containers.map((c) => ({ ...c, ...extra })) },
      }));
    const gained = changed(planDeployment(withExtra(stack), applied()));
    expect(keys(gained)).toEqual(['update task-definition service-users-td', 'update service service-users-ecs']);
    expect(gained[0]!.changes).toEqual([{ field: `containers[container-users].${field}`, to: expect.anything() }]);
    const lost = changed(planDeployment(stack, applied(withExtra(stack))));
    expect(lost[0]!.changes).toEqual([{ field: `containers[container-users].${field}`, from: expect.anything() }]);
    expect(changed(planDeployment(withExtra(stack), applied(withExtra(stack))))).toEqual([]);
  });

  it('moves a service to the latest matching revision when it runs an older one', () => {
    const o = applied();
    const td = o.taskDefinitions['service-users-td']!;
    const behind = {
      ...o,
      taskDefinitions: { ...o.taskDefinitions, 'service-users-td': { ...td, revision: 4 } },
    };
    const steps = changed(planDeployment(stack, behind));
    expect(keys(steps)).toEqual(['update service service-users-ecs']);
    expect(steps[0]!.changes).toEqual([{ field: 'taskDefinition', from: 'service-users-td:1', to: 'service-users-td:4' }]);
  });

  describe('fields AWS does not report', () => {
    const unreported = (o: ObservedStack, specHash?: string): ObservedStack => {
      const { serviceConnect: _sc, deployment: _d, healthCheckGracePeriodSeconds: _g, specHash: _h, ...svc } = o.services['service-users-ecs']!;
      return { ...o, services: { ...o.services, 'service-users-ecs': { ...svc, ...(specHash ? { specHash } : {}) } } };
    };

    it('trusts the spec-hash tag when it matches', () => {
      const o = applied();
      expect(changed(planDeployment(stack, unreported(o, o.services['service-users-ecs']!.specHash)))).toEqual([]);
    });

    it('updates them when the spec-hash tag differs or is missing', () => {
      const steps = changed(planDeployment(stack, unreported(applied())));
      expect(keys(steps)).toEqual(['update service service-users-ecs']);
      expect(steps[0]!.changes.map((c) => c.field)).toEqual(['serviceConnect', 'deployment', 'healthCheckGracePeriodSeconds']);
      expect(steps[0]!.changes.every((c) => c.from === NOT_REPORTED)).toBe(true);
    });

    it('detects a reported service connect change even with a matching hash', () => {
      const next = withService(stack, 'users', (s) => ({
        ...s, serviceConnect: { ...s.serviceConnect, services: s.serviceConnect.services.map((x) => ({ ...x, dnsName: 'users-api' })) },
      }));
      const steps = changed(planDeployment(next, applied()));
      expect(keys(steps)).toEqual(['update service service-users-ecs']);
      expect(steps[0]!.changes.map((c) => c.field)).toEqual(['serviceConnect']);
    });
  });

  describe('ownership', () => {
    it('adopts an untagged load balancer and leaves it unchanged', () => {
      const o = applied();
      const adopted = { ...o, loadBalancer: { ...o.loadBalancer!, ownership: 'unowned' as const, scheme: 'internal', idleTimeoutSeconds: 30 } };
      const step = stepOf(planDeployment(stack, adopted), 'load-balancer', 'ecs-tutorial-alb');
      expect(step).toMatchObject({ action: 'noop', note: ADOPTED_NOTE });
    });

    it('creates listeners on an adopted load balancer', () => {
      const o = { ...emptyAccount(), loadBalancer: { ...applied().loadBalancer!, ownership: 'unowned' as const } };
      const steps = planDeployment(stack, o);
      expect(stepOf(steps, 'load-balancer', 'ecs-tutorial-alb').action).toBe('noop');
      expect(stepOf(steps, 'listener', '8000').action).toBe('create');
    });

    it('puts no autoscaling on an adopted (untagged) service (item 12)', () => {
      const o = { ...applied(), scalableTargets: {}, scalingPolicies: {} };
      const services = Object.fromEntries(Object.entries(o.services).map(([k, v]) => [k, { ...v, ownership: 'unowned' as const }]));
      const steps = planDeployment(stack, { ...o, services });
      const scaling = steps.filter((s) => s.kind === 'scalable-target' || s.kind === 'scaling-policy');
      expect(scaling.length).toBeGreaterThan(0);
      expect(scaling.every((s) => s.action === 'noop' && /adopted/.test(s.note ?? ''))).toBe(true);
      expect(stepOf(steps, 'service', 'service-users-ecs')).toMatchObject({ action: 'noop', note: ADOPTED_NOTE });
    });

    it('refuses resources that belong to another stack', () => {
      const o = applied();
      const taken = { ...o, cluster: { ...o.cluster!, ownership: 'other-stack' as const } };
      expect(() => planDeployment(stack, taken)).toThrow(ConflictError);
      expect(() => planDeployment(stack, taken)).toThrow(/cluster ecs-cluster/);
    });
  });

  it('deletes owned resources the manifest no longer names, after everything else', () => {
    const o = applied();
    const extra: ObservedStack = {
      ...o,
      services: { ...o.services, 'service-old-ecs': { ...o.services['service-users-ecs']!, serviceName: 'service-old-ecs' } },
      targetGroups: { ...o.targetGroups, 'old-tg': { ...o.targetGroups['service-users-tg']!, name: 'old-tg' } },
      listeners: { ...o.listeners, '9000': { ...o.listeners['8000']!, port: 9000 } },
      securityGroups: { ...o.securityGroups, unowned: { ...o.securityGroups['container-3000']!, name: 'unowned', ownership: 'unowned' } },
    };
    const steps = planDeployment(stack, extra);
    expect(keys(changed(steps))).toEqual(['delete service service-old-ecs', 'delete listener 9000', 'delete target-group old-tg']);
    expect(steps.slice(-3).every((s) => s.action === 'delete')).toBe(true);
  });

  it('follows --region: image registry, role partition and awslogs region', () => {
    const d = desiredFor(stack, { ...emptyAccount('eu-west-1'), region: 'eu-west-1' });
    const c = d.taskDefinitions[0]!.content.containers[0]!;
    expect(c.image).toBe('123456789012.dkr.ecr.eu-west-1.amazonaws.com/service-users:v0.0.1');
    expect(c.logConfiguration.options['awslogs-region']).toBe('eu-west-1');
    expect(d.taskDefinitions[0]!.content.executionRoleArn).toBe('arn:aws:iam::123456789012:role/ecs-task-execution-role');
  });

  it('resolves availability zones to the default VPC subnets', () => {
    const d = desiredFor(stack, emptyAccount());
    expect(d.loadBalancer.subnets).toEqual(['subnet-a', 'subnet-b']);
    expect(d.services[0]!.config.network.subnets).toEqual(['subnet-a', 'subnet-b']);
  });
});

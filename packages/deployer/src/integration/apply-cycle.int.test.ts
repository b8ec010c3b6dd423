// The whole cycle against a real moto server: apply from empty, every link
// checked with describe calls, a no-op re-apply with zero mutating calls, an
// image-tag change, and a destroy that leaves nothing tagged by the stack.
import { DescribeServicesCommand, DescribeTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import { DescribeListenersCommand, DescribeLoadBalancersCommand, DescribeTargetGroupsCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetRoleCommand } from '@aws-sdk/client-iam';
import { CreateSecurityGroupCommand, DescribeSecurityGroupsCommand, DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { DescribeScalableTargetsCommand, DescribeScalingPoliciesCommand } from '@aws-sdk/client-application-auto-scaling';
import type { Stack } from '@ecs-twin/manifest';
import { withImageTag } from '../testing/index.js';
import { leftovers } from './leftovers.js';
import { REGION, startHarness, type Harness } from './moto-harness.js';

let h: Harness;
let stack: Stack;
beforeAll(async () => {
  h = await startHarness();
  stack = await h.stack();
}, 60_000);
afterAll(async () => h?.close());

const changed = (steps: readonly { action: string; kind: string; name: string }[]) =>
  steps.filter((s) => s.action !== 'noop').map((s) => `${s.action} ${s.kind} ${s.name}`);

describe('deployer against moto', () => {
  it('creates every resource from an empty account', async () => {
    h.recorder.reset();
    const { prepared } = await h.apply(stack);
    expect(prepared.steps.every((s) => s.action === 'create')).toBe(true);
    expect(prepared.steps).toHaveLength(24);
    expect(h.recorder.mutating.length).toBeGreaterThan(24);
    expect(h.events.filter((e) => e.type === 'step-failed')).toEqual([]);
  }, 120_000);

  it('links every resource as the tutorial does', async () => {
    const { ecs, elbv2, iam, ec2, autoScaling } = h.clients;
    const role = (await iam.send(new GetRoleCommand({ RoleName: 'ecs-task-execution-role' }))).Role!;
    const td = (await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'service-users-td' }))).taskDefinition!;
    expect(td.executionRoleArn).toBe(role.Arn);
    expect(td).toMatchObject({ networkMode: 'awsvpc', cpu: '256', memory: '512', requiresCompatibilities: ['FARGATE'] });
    expect(td.containerDefinitions![0]).toMatchObject({
      name: 'container-users',
      image: '123456789012.dkr.ecr.us-west-1.amazonaws.com/service-users:v0.0.1',
      portMappings: [expect.objectContaining({ name: 'users', containerPort: 3000, appProtocol: 'http' })],
      logConfiguration: { logDriver: 'awslogs', options: expect.objectContaining({ 'awslogs-group': '/ecs/service-users-td', 'awslogs-region': REGION, 'awslogs-stream-prefix': 'ecs' }) },
    });

    const tgs = (await elbv2.send(new DescribeTargetGroupsCommand({ Names: ['service-users-tg', 'service-products-tg'] }))).TargetGroups!;
    const tgArn = (name: string) => tgs.find((t) => t.TargetGroupName === name)!.TargetGroupArn!;
    expect(tgs.every((t) => t.TargetType === 'ip' && t.HealthCheckPath === '/health' && t.Port === 3000)).toBe(true);

    const lb = (await elbv2.send(new DescribeLoadBalancersCommand({ Names: ['ecs-tutorial-alb'] }))).LoadBalancers![0]!;
    const listeners = (await elbv2.send(new DescribeListenersCommand({ LoadBalancerArn: lb.LoadBalancerArn }))).Listeners!;
    const forwards = Object.fromEntries(listeners.map((l) => [l.Port, l.DefaultActions![0]!.TargetGroupArn]));
    expect(forwards).toEqual({ 8000: tgArn('service-users-tg'), 8001: tgArn('service-products-tg') });

    const groups = (await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'tag:ecs-twin:stack', Values: ['ecs-tutorial'] }] }))).SecurityGroups!;
    const gid = (name: string) => groups.find((g) => g.GroupName === name)!.GroupId!;
    expect(lb.SecurityGroups).toEqual([gid('container-lb-sg')]);
    const tasksGroup = groups.find((g) => g.GroupName === 'container-3000')!;
    expect(tasksGroup.IpPermissions).toEqual([expect.objectContaining({ FromPort: 3000, UserIdGroupPairs: [expect.objectContaining({ GroupId: gid('container-lb-sg') })] })]);

    const svc = (await ecs.send(new DescribeServicesCommand({ cluster: 'ecs-cluster', services: ['service-users-ecs'], include: ['TAGS'] }))).services![0]!;
    expect(svc.taskDefinition).toBe(td.taskDefinitionArn);
    expect(svc.loadBalancers).toEqual([{ targetGroupArn: tgArn('service-users-tg'), containerName: 'container-users', containerPort: 3000 }]);
    expect(svc.networkConfiguration!.awsvpcConfiguration).toMatchObject({ assignPublicIp: 'ENABLED' });
    expect([...svc.networkConfiguration!.awsvpcConfiguration!.securityGroups!].sort()).toEqual([gid('container-3000'), gid('container-lb-sg')].sort());
    expect(svc.launchType).toBe('FARGATE');
    expect(svc.tags).toEqual(expect.arrayContaining([{ key: 'ecs-twin:stack', value: 'ecs-tutorial' }, { key: 'ecs-twin:managed-by', value: 'ecs-twin' }]));

    const targets = (await autoScaling.send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'ecs' }))).ScalableTargets!;
    expect(targets.map((t) => [t.ResourceId, t.MinCapacity, t.MaxCapacity]).sort()).toEqual([
      ['service/ecs-cluster/service-products-ecs', 1, 3], ['service/ecs-cluster/service-users-ecs', 1, 3],
    ]);
    const policies = (await autoScaling.send(new DescribeScalingPoliciesCommand({ ServiceNamespace: 'ecs' }))).ScalingPolicies!;
    expect(policies.map((p) => p.TargetTrackingScalingPolicyConfiguration?.PredefinedMetricSpecification?.PredefinedMetricType).sort()).toEqual([
      'ECSServiceAverageCPUUtilization', 'ECSServiceAverageCPUUtilization', 'ECSServiceAverageMemoryUtilization', 'ECSServiceAverageMemoryUtilization',
    ]);
    expect(policies.every((p) => p.TargetTrackingScalingPolicyConfiguration?.TargetValue === 70)).toBe(true);
  }, 60_000);

  it('makes zero mutating calls when applied again', async () => {
    h.recorder.reset();
    const { prepared } = await h.apply(stack);
    expect(changed(prepared.steps)).toEqual([]);
    expect(h.recorder.mutating).toEqual([]);
    expect(h.recorder.calls.length).toBeGreaterThan(10);
  }, 60_000);

  it('changes only task definitions and services when the image tag changes', async () => {
    h.recorder.reset();
    const next = withImageTag(stack, 'v0.0.2');
    const { prepared } = await h.apply(next);
    expect(changed(prepared.steps)).toEqual([
      'update task-definition service-users-td', 'update task-definition service-products-td',
      'update service service-users-ecs', 'update service service-products-ecs',
    ]);
    expect(new Set(h.recorder.mutating.map((c) => c.command))).toEqual(new Set(['RegisterTaskDefinition', 'UpdateService']));
    const svc = (await h.clients.ecs.send(new DescribeServicesCommand({ cluster: 'ecs-cluster', services: ['service-users-ecs'] }))).services![0]!;
    expect(svc.taskDefinition).toMatch(/service-users-td:2$/);
    h.recorder.reset();
    const again = await h.apply(next);
    expect(changed(again.prepared.steps)).toEqual([]);
    expect(h.recorder.mutating).toEqual([]);
  }, 60_000);

  it("registers a revision with a container's entryPoint and command, read back as no change", async () => {
    const base = withImageTag(stack, 'v0.0.2');
    const next: Stack = {
      ...base,
      services: base.services.map((svc) =>
        svc.key !== 'users'
          ? svc
          : { ...svc, taskDefinition: { ...svc.taskDefinition, containers: svc.taskDefinition.containers.map((c) => ({ ...c, entryPoint: ['node'], command: ['dist/main.js'] })) } },
      ),
    };
    h.recorder.reset();
    const { prepared } = await h.apply(next);
    expect(changed(prepared.steps)).toEqual(['update task-definition service-users-td', 'update service service-users-ecs']);
    const td = (await h.clients.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'service-users-td' }))).taskDefinition!;
    expect(td.containerDefinitions![0]).toMatchObject({ entryPoint: ['node'], command: ['dist/main.js'] });
    h.recorder.reset();
    const again = await h.apply(next);
    expect(changed(again.prepared.steps)).toEqual([]);
    expect(h.recorder.mutating).toEqual([]);
  }, 60_000);

  it('destroys everything the stack tagged, and nothing else', async () => {
    // An untagged security group in the same VPC must survive the destroy.
    const vpc = (await h.clients.ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }))).Vpcs![0]!.VpcId!;
    const bystander = (await h.clients.ec2.send(new CreateSecurityGroupCommand({ GroupName: 'not-ours', Description: 'x', VpcId: vpc }))).GroupId!;
    h.recorder.reset();
    const { prepared } = await h.destroy(stack);
    expect(prepared.steps.every((s) => s.action === 'delete')).toBe(true);
    expect(prepared.steps).toHaveLength(24);
    expect(await leftovers(h)).toEqual([]);
    const groups = (await h.clients.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [bystander] }))).SecurityGroups!;
    expect(groups).toHaveLength(1);
    const again = await h.destroy(stack);
    expect(again.prepared.steps).toEqual([]);
  }, 120_000);
});


// The requests apply sends, checked where moto checks nothing: Service Connect,
// target type ip, Fargate fields, awslogs options, circuit breaker, tags, order.
import { ApplicationAutoScalingClient, PutScalingPolicyCommand, RegisterScalableTargetCommand } from '@aws-sdk/client-application-auto-scaling';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { CreateSecurityGroupCommand, EC2Client, AuthorizeSecurityGroupIngressCommand } from '@aws-sdk/client-ec2';
import { CreateRepositoryCommand, ECRClient } from '@aws-sdk/client-ecr';
import { CreateServiceCommand, ECSClient, RegisterTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { AttachRolePolicyCommand, CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateHttpNamespaceCommand, GetNamespaceCommand, GetOperationCommand, ServiceDiscoveryClient } from '@aws-sdk/client-servicediscovery';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsClients, awsPorts } from '../aws/index.js';
import { desiredFor, planDeployment } from '../plan/index.js';
import { emptyAccount, tutorialStack } from '../testing/index.js';
import { executeApply } from './apply.js';

const ecs = mockClient(ECSClient);
const elb = mockClient(ElasticLoadBalancingV2Client);
const ec2 = mockClient(EC2Client);
const iam = mockClient(IAMClient);
const ecr = mockClient(ECRClient);
const logs = mockClient(CloudWatchLogsClient);
const sd = mockClient(ServiceDiscoveryClient);
const aas = mockClient(ApplicationAutoScalingClient);

const ROLE_ARN = 'arn:aws:iam::123456789012:role/ecs-task-execution-role';
const NS_ARN = 'arn:aws:servicediscovery:us-west-1:123456789012:namespace/ns-1';
const tgArn = (name: string) => `arn:aws:elasticloadbalancing:us-west-1:123456789012:targetgroup/${name}/1`;

beforeEach(() => {
  const all: { reset(): void; onAnyCommand(): { resolves(v: object): void } }[] = [ecs, elb, ec2, iam, ecr, logs, sd, aas] as never;
  for (const m of all) {
    m.reset();
    m.onAnyCommand().resolves({});
  }
  iam.on(CreateRoleCommand).resolves({ Role: { Arn: ROLE_ARN } as never });
  ecr.on(CreateRepositoryCommand).callsFake((i) => ({ repository: { repositoryUri: `123456789012.dkr.ecr.us-west-1.amazonaws.com/${i.repositoryName}` } }));
  sd.on(CreateHttpNamespaceCommand).resolves({ OperationId: 'op-1' });
  sd.on(GetOperationCommand).resolves({ Operation: { Status: 'SUCCESS', Targets: { NAMESPACE: 'ns-1' } } });
  sd.on(GetNamespaceCommand).resolves({ Namespace: { Arn: NS_ARN } });
  ec2.on(CreateSecurityGroupCommand).callsFake((i) => ({ GroupId: `sg-${i.GroupName}` }));
  elb.on(CreateLoadBalancerCommand).resolves({ LoadBalancers: [{ LoadBalancerArn: 'arn:lb', DNSName: 'alb.example.com' }] });
  elb.on(CreateTargetGroupCommand).callsFake((i) => ({ TargetGroups: [{ TargetGroupArn: tgArn(i.Name) }] }));
  elb.on(CreateListenerCommand).callsFake((i) => ({ Listeners: [{ ListenerArn: `arn:listener/${i.Port}` }] }));
  ecs.on(RegisterTaskDefinitionCommand).callsFake((i) => ({ taskDefinition: { taskDefinitionArn: `arn:td/${i.family}:1`, revision: 1 } }));
  ecs.on(CreateServiceCommand).callsFake((i) => ({ service: { serviceArn: `arn:service/${i.serviceName}` } }));
});

async function applyFromEmpty() {
  const clients = new AwsClients({ region: 'us-west-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  const stack = tutorialStack();
  const observed = emptyAccount();
  const steps = planDeployment(stack, observed, { skipPush: true });
  const result = await executeApply({ stack, observed, desired: desiredFor(stack, observed), steps }, { ports: awsPorts(clients), region: 'us-west-1', skipPush: true });
  return { result };
}

describe('apply call sequence', () => {
  it('creates the service with Service Connect client-server, awsvpc, the target group and the circuit breaker', async () => {
    await applyFromEmpty();
    const input = ecs.commandCalls(CreateServiceCommand).find((c) => c.args[0].input.serviceName === 'service-users-ecs')!.args[0].input;
    expect(input).toMatchObject({
      cluster: 'ecs-cluster',
      taskDefinition: 'arn:td/service-users-td:1',
      desiredCount: 1,
      launchType: 'FARGATE',
      platformVersion: 'LATEST',
      schedulingStrategy: 'REPLICA',
      networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-a', 'subnet-b'], securityGroups: ['sg-container-3000', 'sg-container-lb-sg'], assignPublicIp: 'ENABLED' } },
      loadBalancers: [{ targetGroupArn: tgArn('service-users-tg'), containerName: 'container-users', containerPort: 3000 }],
      serviceConnectConfiguration: {
        enabled: true,
        namespace: NS_ARN,
        services: [{ portName: 'users', discoveryName: 'users', clientAliases: [{ port: 3000, dnsName: 'users' }], timeout: { idleTimeoutSeconds: 300, perRequestTimeoutSeconds: 15 } }],
      },
      deploymentConfiguration: { minimumHealthyPercent: 100, maximumPercent: 200, deploymentCircuitBreaker: { enable: true, rollback: true } },
      healthCheckGracePeriodSeconds: 0,
      propagateTags: 'SERVICE',
    });
    expect(input.tags).toEqual(expect.arrayContaining([
      { key: 'ecs-twin:stack', value: 'ecs-tutorial' }, { key: 'ecs-twin:managed-by', value: 'ecs-twin' },
      expect.objectContaining({ key: 'ecs-twin:spec-hash' }),
    ]));
  });

  it('registers Fargate task definitions with the role ARN and awslogs options', async () => {
    await applyFromEmpty();
    const input = ecs.commandCalls(RegisterTaskDefinitionCommand)[0]!.args[0].input;
    expect(input).toMatchObject({
      family: 'service-users-td', requiresCompatibilities: ['FARGATE'], networkMode: 'awsvpc', cpu: '256', memory: '512',
      executionRoleArn: ROLE_ARN, runtimePlatform: { cpuArchitecture: 'X86_64', operatingSystemFamily: 'LINUX' },
    });
    expect(input.containerDefinitions![0]).toEqual({
      name: 'container-users',
      image: '123456789012.dkr.ecr.us-west-1.amazonaws.com/service-users:v0.0.1',
      essential: true,
      portMappings: [{ name: 'users', containerPort: 3000, protocol: 'tcp', appProtocol: 'http' }],
      environment: [{ name: 'API_VERSION', value: 'v0.0.1' }, { name: 'SERVICE_PRODUCTS', value: 'http://products:3000' }],
      logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/service-users-td', 'awslogs-region': 'us-west-1', 'awslogs-stream-prefix': 'ecs', 'awslogs-create-group': 'true' } },
      stopTimeout: 30,
    });
  });

  it('creates ip target groups with the health check, and listeners that forward to them', async () => {
    await applyFromEmpty();
    expect(elb.commandCalls(CreateTargetGroupCommand)[0]!.args[0].input).toMatchObject({
      Name: 'service-users-tg', Protocol: 'HTTP', Port: 3000, VpcId: 'vpc-1', TargetType: 'ip',
      HealthCheckPath: '/health', HealthCheckPort: 'traffic-port', HealthCheckIntervalSeconds: 30, HealthCheckTimeoutSeconds: 5,
      HealthyThresholdCount: 2, UnhealthyThresholdCount: 2, Matcher: { HttpCode: '200' },
    });
    expect(elb.commandCalls(CreateListenerCommand).map((c) => [c.args[0].input.Port, c.args[0].input.DefaultActions])).toEqual([
      [8000, [{ Type: 'forward', TargetGroupArn: tgArn('service-users-tg') }]],
      [8001, [{ Type: 'forward', TargetGroupArn: tgArn('service-products-tg') }]],
    ]);
    expect(elb.commandCalls(CreateLoadBalancerCommand)[0]!.args[0].input).toMatchObject({
      Name: 'ecs-tutorial-alb', Type: 'application', Scheme: 'internet-facing', SecurityGroups: ['sg-container-lb-sg'], Subnets: ['subnet-a', 'subnet-b'],
    });
  });

  it('opens 3000 on the tasks group to the load balancer group only', async () => {
    await applyFromEmpty();
    const byGroup = Object.fromEntries(ec2.commandCalls(AuthorizeSecurityGroupIngressCommand).map((c) => [c.args[0].input.GroupId, c.args[0].input.IpPermissions]));
    expect(byGroup['sg-container-3000']).toEqual([{ IpProtocol: 'tcp', FromPort: 3000, ToPort: 3000, UserIdGroupPairs: [{ GroupId: 'sg-container-lb-sg' }] }]);
    expect(byGroup['sg-container-lb-sg']).toHaveLength(2);
  });

  it('attaches both managed policies by ARN and registers target tracking at 70%', async () => {
    await applyFromEmpty();
    expect(iam.commandCalls(AttachRolePolicyCommand).map((c) => c.args[0].input.PolicyArn)).toEqual([
      'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy',
      'arn:aws:iam::aws:policy/CloudWatchLogsFullAccess',
    ]);
    expect(aas.commandCalls(RegisterScalableTargetCommand)[0]!.args[0].input).toMatchObject({
      ServiceNamespace: 'ecs', ResourceId: 'service/ecs-cluster/service-users-ecs', ScalableDimension: 'ecs:service:DesiredCount', MinCapacity: 1, MaxCapacity: 3,
    });
    const policies = aas.commandCalls(PutScalingPolicyCommand).map((c) => c.args[0].input);
    expect(policies.map((p) => [p.PolicyName, p.PolicyType, p.TargetTrackingScalingPolicyConfiguration?.PredefinedMetricSpecification?.PredefinedMetricType, p.TargetTrackingScalingPolicyConfiguration?.TargetValue])).toEqual([
      ['service-users-ecs-cpu', 'TargetTrackingScaling', 'ECSServiceAverageCPUUtilization', 70],
      ['service-users-ecs-memory', 'TargetTrackingScaling', 'ECSServiceAverageMemoryUtilization', 70],
      ['service-products-ecs-cpu', 'TargetTrackingScaling', 'ECSServiceAverageCPUUtilization', 70],
      ['service-products-ecs-memory', 'TargetTrackingScaling', 'ECSServiceAverageMemoryUtilization', 70],
    ]);
  });

  it('sends mutating calls in dependency order, and prints the two URLs', async () => {
    const { result } = await applyFromEmpty();
    // The mocks replace send(), so the recorder middleware never runs: order comes from sinon's call ids.
    const mocks: { calls(): { callId: number; args: unknown[] }[] }[] = [ecs, elb, ec2, iam, ecr, logs, sd, aas] as never;
    const order = mocks
      .flatMap((m) => m.calls())
      .sort((a, b) => a.callId - b.callId)
      .map((c) => (c.args[0] as object).constructor.name.replace(/Command$/, ''))
      .filter((name) => !/^(Describe|List|Get)/.test(name));
    const first = (cmd: string) => order.indexOf(cmd);
    expect(first('CreateRole')).toBe(0);
    expect(first('CreateRole')).toBeLessThan(first('AttachRolePolicy'));
    expect(first('CreateSecurityGroup')).toBeLessThan(first('CreateLoadBalancer'));
    expect(first('CreateLoadBalancer')).toBeLessThan(first('CreateTargetGroup'));
    expect(order.lastIndexOf('CreateTargetGroup')).toBeLessThan(first('CreateListener'));
    expect(order.lastIndexOf('RegisterTaskDefinition')).toBeLessThan(first('CreateService'));
    expect(order.lastIndexOf('CreateService')).toBeLessThan(first('RegisterScalableTarget'));
    expect(first('RegisterScalableTarget')).toBeLessThan(first('PutScalingPolicy'));
    expect(result.urls).toEqual(['http://alb.example.com:8000', 'http://alb.example.com:8001']);
  });
});

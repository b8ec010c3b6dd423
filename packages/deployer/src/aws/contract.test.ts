// Contract tests at the HTTP level: AWS responses, written from the API references
// and botocore's service models (error codes: botocore/data/<service>/.../service-2.json
// `error.code`), go through the REAL SDK v3 clients with a fake request handler, so
// the SDK's own response and error parsing runs. aws-sdk-client-mock skips it, which
// is how ELB's wire codes (TargetGroupNotFound, not ...Exception) went unnoticed.
import { rolloutState } from '../apply/rollout-state.js';
import { SERVICE_LINKED_ROLE_NOT_READY } from '../apply/steps/container-steps.js';
import { AwsCallError, QuotaExceededError } from '../errors/index.js';
import { ec2Error, jsonError, jsonOk, queryError, recordedClients, type RecordedResponse, type SeenRequest } from '../testing/index.js';
import { awsPorts } from './index.js';

const ACCOUNT = '123456789012';
const TG = `arn:aws:elasticloadbalancing:us-west-1:${ACCOUNT}:targetgroup/service-users-tg/73e2d6bc24d8a067`;
const LISTENER = `arn:aws:elasticloadbalancing:us-west-1:${ACCOUNT}:listener/app/ecs-tutorial-alb/50dc6c495c0c9188/f2f7dc8efc522ab2`;
const LB = `arn:aws:elasticloadbalancing:us-west-1:${ACCOUNT}:loadbalancer/app/ecs-tutorial-alb/50dc6c495c0c9188`;
const td = (rev: number) => `arn:aws:ecs:us-west-1:${ACCOUNT}:task-definition/service-users-td:${rev}`;

function ports(answers: Record<string, RecordedResponse | (() => RecordedResponse)>, seen: SeenRequest[] = []) {
  return awsPorts(recordedClients((r) => {
    const a = answers[r.operation];
    if (!a) throw new Error(`no recorded answer for ${r.operation}`);
    return typeof a === 'function' ? a() : a;
  }, seen));
}

const failureOf = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e);

describe('ELBv2 wire error codes (item 9)', () => {
  it('treats TargetGroupNotFound on delete as already gone', async () => {
    const p = ports({ DeleteTargetGroup: queryError('TargetGroupNotFound', `Target groups '${TG}' not found`) });
    await expect(p.loadBalancing.deleteTargetGroup(TG)).resolves.toBeUndefined();
  });

  it('treats ListenerNotFound on delete as already gone', async () => {
    const p = ports({ DeleteListener: queryError('ListenerNotFound', 'One or more listeners not found') });
    await expect(p.loadBalancing.deleteListener(LISTENER)).resolves.toBeUndefined();
  });

  it('treats LoadBalancerNotFound on delete, and in the deletion waiter, as gone', async () => {
    const p = ports({
      DeleteLoadBalancer: queryError('LoadBalancerNotFound', `Load balancer '${LB}' not found`),
      DescribeLoadBalancers: queryError('LoadBalancerNotFound', `Load balancers '[${LB}]' not found`),
    });
    await expect(p.loadBalancing.deleteLoadBalancer(LB)).resolves.toBeUndefined();
    await expect(p.loadBalancing.findLoadBalancer('ecs-tutorial-alb')).resolves.toBeUndefined();
  });

  it('reports a target group still in use with the code the delete step retries on', async () => {
    const p = ports({ DeleteTargetGroup: queryError('ResourceInUse', `Target group '${TG}' is currently in use by a listener or a rule`) });
    const e = await failureOf(p.loadBalancing.deleteTargetGroup(TG));
    expect(e).toBeInstanceOf(AwsCallError);
    expect((e as AwsCallError).code).toBe('ResourceInUse');
  });

  it('maps a quota error to the quota by name, not to throttling (item 10)', async () => {
    const p = ports({ CreateTargetGroup: queryError('TooManyTargetGroups', 'You have reached the maximum number of target groups allowed for your account') });
    const hc = { protocol: 'HTTP' as const, path: '/health', port: 'traffic-port', intervalSeconds: 30, timeoutSeconds: 5, healthyThresholdCount: 2, unhealthyThresholdCount: 2, matcher: '200' };
    const e = await failureOf(p.loadBalancing.createTargetGroup({ name: 'tg', port: 3000, protocol: 'HTTP', targetType: 'ip', vpcId: 'vpc-1', healthCheck: hc, deregistrationDelaySeconds: 30, loadBalancingAlgorithm: 'round_robin' }, {}));
    expect(e).toBeInstanceOf(QuotaExceededError);
    expect((e as Error).message).toContain('Target groups per Region');
  });
});

// DescribeServices answers in the shape of the ECS API reference (Service, Deployment).
function service(over: Record<string, unknown>, deployments: Record<string, unknown>[], status = 'ACTIVE') {
  return jsonOk({
    services: [{
      serviceArn: `arn:aws:ecs:us-west-1:${ACCOUNT}:service/ecs-cluster/service-users-ecs`,
      serviceName: 'service-users-ecs',
      clusterArn: `arn:aws:ecs:us-west-1:${ACCOUNT}:cluster/ecs-cluster`,
      loadBalancers: [{ targetGroupArn: TG, containerName: 'container-users', containerPort: 3000 }],
      status, desiredCount: 1, runningCount: 0, pendingCount: 0, launchType: 'FARGATE', platformVersion: 'LATEST',
      taskDefinition: td(2),
      deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true }, maximumPercent: 200, minimumHealthyPercent: 100 },
      deployments: deployments.map((d, i) => ({
        id: `ecs-svc/${9000000000000000000 + i}`, desiredCount: 1, pendingCount: 0, runningCount: 0, failedTasks: 0,
        createdAt: 1765170000 + i, updatedAt: 1765170100 + i, launchType: 'FARGATE', platformVersion: '1.4.0', ...d,
      })),
      events: [{ id: 'e1', createdAt: 1765170200, message: '(service service-users-ecs) has started 1 tasks: (task 0f2c).' }],
      createdAt: 1765160000,
      tags: [{ key: 'ecs-twin:stack', value: 'ecs-tutorial' }],
      ...over,
    }],
    failures: [],
  });
}

describe('ECS DescribeServices states through the SDK parser (items 3, 6, 7)', () => {
  const describe1 = async (answer: RecordedResponse) => (await ports({ DescribeServices: answer }).ecs.describeServices('ecs-cluster', ['service-users-ecs']))[0];

  it('IN_PROGRESS: keeps waiting', async () => {
    const r = await describe1(service({ pendingCount: 1 }, [
      { status: 'PRIMARY', taskDefinition: td(2), pendingCount: 1, rolloutState: 'IN_PROGRESS', rolloutStateReason: 'ECS deployment ecs-svc/9000000000000000000 in progress.' },
      { status: 'ACTIVE', taskDefinition: td(1), runningCount: 1, rolloutState: 'COMPLETED' },
    ]));
    expect(r?.deployments.map((d) => [d.status, d.rolloutState, d.taskDefinitionArn])).toEqual([['PRIMARY', 'IN_PROGRESS', td(2)], ['ACTIVE', 'COMPLETED', td(1)]]);
    expect(rolloutState(r, td(2)).state).toBe('waiting');
  });

  it('FAILED: stops with rolloutStateReason', async () => {
    const r = await describe1(service({}, [
      { status: 'PRIMARY', taskDefinition: td(2), failedTasks: 3, rolloutState: 'FAILED', rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.' },
    ]));
    expect(rolloutState(r, td(2))).toEqual({ state: 'failed', reason: 'deployment FAILED: ECS deployment circuit breaker: tasks failed to start.' });
  });

  it('rolled back: stable on the old revision is a failure', async () => {
    const r = await describe1(service({ runningCount: 1, taskDefinition: td(1) }, [
      { status: 'PRIMARY', taskDefinition: td(1), runningCount: 1, rolloutState: 'COMPLETED', rolloutStateReason: 'ECS deployment circuit breaker: rolling back to deploymentId ecs-svc/8000000000000000000.' },
    ]));
    const judged = rolloutState(r, td(2));
    expect(judged.state).toBe('failed');
    expect(judged.state === 'failed' && judged.reason).toContain('rolled back: ECS runs service-users-td:1 instead of the applied service-users-td:2');
    // The SDK's own waiter would call this stable: one deployment, running = desired.
    expect(r?.deployments).toHaveLength(1);
    expect(r?.runningCount).toBe(r?.desiredCount);
  });

  it('COMPLETED on the applied revision: done', async () => {
    const r = await describe1(service({ runningCount: 1 }, [
      { status: 'PRIMARY', taskDefinition: td(2), runningCount: 1, rolloutState: 'COMPLETED', rolloutStateReason: 'ECS deployment ecs-svc/9000000000000000000 completed.' },
    ]));
    expect(rolloutState(r, td(2))).toEqual({ state: 'done' });
  });

  it('DRAINING: listed by the observer, never "done"', async () => {
    const answer = service({ desiredCount: 0 }, [{ status: 'PRIMARY', taskDefinition: td(2), desiredCount: 0, rolloutState: 'COMPLETED' }], 'DRAINING');
    const p = ports({ ListServices: jsonOk({ serviceArns: [`arn:aws:ecs:us-west-1:${ACCOUNT}:service/ecs-cluster/service-users-ecs`] }), DescribeServices: answer });
    const listed = await p.ecs.services('ecs-cluster', ['service-users-ecs'], 'ecs-tutorial');
    expect(listed.map((s) => s.status)).toEqual(['DRAINING']);
    expect(rolloutState(listed[0], td(2))).toEqual({ state: 'failed', reason: 'the service is DRAINING' });
  });
});

describe('errors the deployer waits out or ignores', () => {
  it('CreateService: the service-linked-role error keeps its code and message for the retry (item 2)', async () => {
    const seen: SeenRequest[] = [];
    const p = ports({ CreateService: jsonError('InvalidParameterException', 'Unable to assume the service linked role. Please verify that the ECS service linked role exists.') }, seen);
    const input = {
      cluster: 'ecs-cluster', serviceName: 'service-users-ecs', taskDefinitionArn: td(1), desiredCount: 1, launchType: 'FARGATE', platformVersion: 'LATEST',
      subnets: ['subnet-a'], securityGroupIds: ['sg-1'], assignPublicIp: true, loadBalancers: [],
      deployment: { minimumHealthyPercent: 100, maximumPercent: 200, circuitBreaker: { enable: true, rollback: true } },
    };
    const e = await failureOf(p.ecs.createService(input, {}, 'a'.repeat(32)));
    expect((e as AwsCallError).code).toBe('InvalidParameterException');
    expect((e as Error).message).toMatch(SERVICE_LINKED_ROLE_NOT_READY);
    expect(JSON.parse(seen[0]!.body).clientToken).toBe('a'.repeat(32));
  });

  it('IAM CreateServiceLinkedRole: "has been taken" means it exists (item 2)', async () => {
    const p = ports({ CreateServiceLinkedRole: queryError('InvalidInput', 'Service role name AWSServiceRoleForECS has been taken in this account, please try a different suffix.', 'https://iam.amazonaws.com/doc/2010-05-08/') });
    await expect(p.roles.ensureServiceLinkedRole('ecs.amazonaws.com')).resolves.toBeUndefined();
  });

  it('IAM CreateServiceLinkedRole: other InvalidInput errors still fail', async () => {
    const p = ports({ CreateServiceLinkedRole: queryError('InvalidInput', 'Invalid service name.', 'https://iam.amazonaws.com/doc/2010-05-08/') });
    await expect(p.roles.ensureServiceLinkedRole('ecs.amazonaws.com')).rejects.toBeInstanceOf(AwsCallError);
  });

  it('EC2 DeleteSecurityGroup: DependencyViolation, the code the delete step retries on', async () => {
    const p = ports({ DeleteSecurityGroup: ec2Error('DependencyViolation', 'resource sg-0123456789abcdef0 has a dependent object') });
    const e = await failureOf(p.network.deleteSecurityGroup('sg-0123456789abcdef0'));
    expect((e as AwsCallError).code).toBe('DependencyViolation');
  });

  it('Cloud Map DeleteNamespace: ResourceInUse, the code the namespace step retries on', async () => {
    const p = ports({ DeleteNamespace: jsonError('ResourceInUse', 'The namespace ns-abc still contains services.') });
    const e = await failureOf(p.namespaces.delete('ns-abc'));
    expect((e as AwsCallError).code).toBe('ResourceInUse');
  });

  it('Application Auto Scaling LimitExceededException is a quota, not throttling (item 10)', async () => {
    const p = ports({ RegisterScalableTarget: jsonError('LimitExceededException', 'You have reached the maximum number of scalable targets') });
    const e = await failureOf(p.scaling.registerTarget('service/ecs-cluster/service-users-ecs', 1, 3, {}));
    expect(e).toBeInstanceOf(QuotaExceededError);
    expect((e as Error).message).toContain('Scalable targets');
  });
});

import type { ServiceStatusView } from '../status/index.js';
import { deploymentProgress, isServiceStable } from './deployment-progress.js';
import { applyTaskDefinitionChange, EnvironmentOverrideError, parseEnvironmentOverrides } from './task-definition-change.js';
import { parseDeployRequest } from './start-deployment.js';
import type { ServiceSpec } from '@ecs-twin/manifest';

type Dep = ServiceStatusView['deployments'][number];
const dep = (id: string, status: 'PRIMARY' | 'ACTIVE', rolloutState: string, extra: Partial<Dep> = {}): Dep => ({
  id,
  status,
  rolloutState,
  taskDefinition: 'fam:2',
  desiredCount: 1,
  runningCount: 1,
  pendingCount: 0,
  failedTasks: 0,
  createdAt: '',
  updatedAt: '',
  ...extra,
});
const service = (deployments: Dep[], runningCount = 1, desiredCount = 1): ServiceStatusView => ({
  serviceName: 'svc',
  status: 'ACTIVE',
  desiredCount,
  runningCount,
  pendingCount: 0,
  taskDefinition: deployments[0]?.taskDefinition ?? '',
  image: 'svc:v1',
  steady: false,
  deployments,
  events: [],
});

describe('deploymentProgress (what `deploy` waits for)', () => {
  it('is completed only in the ServicesStable condition: one deployment, ours, COMPLETED, running == desired', () => {
    expect(deploymentProgress(service([dep('d2', 'PRIMARY', 'COMPLETED')]), 'd2', undefined)).toEqual({ state: 'completed' });
    // COMPLETED but the old deployment still drains: an SDK waiter would keep waiting, so do we.
    expect(deploymentProgress(service([dep('d2', 'PRIMARY', 'COMPLETED'), dep('d1', 'ACTIVE', 'COMPLETED')], 2), 'd2', undefined)).toEqual({ state: 'in-progress' });
    expect(deploymentProgress(service([dep('d2', 'PRIMARY', 'COMPLETED')], 0), 'd2', undefined)).toEqual({ state: 'in-progress' });
    expect(deploymentProgress(service([dep('d2', 'PRIMARY', 'IN_PROGRESS')]), 'd2', undefined)).toEqual({ state: 'in-progress' });
  });

  it('a failure with rollback settles once the rollback deployment completed', () => {
    const failure = { deploymentId: 'd2', reason: 'tasks failed health checks', rollback: { deploymentId: 'rb', taskDefinition: 'fam:1' } };
    const rolling = service([dep('rb', 'PRIMARY', 'IN_PROGRESS'), dep('d2', 'ACTIVE', 'FAILED')], 2);
    expect(deploymentProgress(rolling, 'd2', failure)).toEqual({ state: 'failed', failure, settled: false });
    const back = service([dep('rb', 'PRIMARY', 'COMPLETED', { taskDefinition: 'fam:1' })]);
    expect(deploymentProgress(back, 'd2', failure)).toEqual({ state: 'failed', failure, settled: true });
  });

  it('sees a FAILED rollout in the status even without the event', () => {
    const failed = service([dep('d2', 'PRIMARY', 'FAILED', { rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.' }), dep('d1', 'ACTIVE', 'COMPLETED')]);
    expect(deploymentProgress(failed, 'd2', undefined)).toEqual({
      state: 'failed',
      failure: { deploymentId: 'd2', reason: 'ECS deployment circuit breaker: tasks failed to start.' },
      settled: true,
    });
  });

  it('is superseded when another deployment replaced ours', () => {
    expect(deploymentProgress(service([dep('d3', 'PRIMARY', 'IN_PROGRESS')]), 'd2', undefined)).toEqual({ state: 'superseded', by: 'd3' });
  });

  it('isServiceStable is the SDK waiter condition', () => {
    expect(isServiceStable(service([dep('a', 'PRIMARY', 'IN_PROGRESS')]))).toBe(true);
    expect(isServiceStable(service([dep('a', 'PRIMARY', 'COMPLETED'), dep('b', 'ACTIVE', 'COMPLETED')]))).toBe(false);
  });
});

describe('the next revision', () => {
  const svc = {
    serviceName: 'svc',
    loadBalancer: { targetGroupName: 'tg', containerName: 'web', containerPort: 3000 },
    taskDefinition: {
      family: 'fam',
      cpu: 256,
      memory: 512,
      containers: [
        { name: 'sidecar', essential: false, image: { repository: 'side', tag: 'v1' }, environment: { S: '1' }, portMappings: [] },
        { name: 'web', essential: true, image: { repository: 'web', tag: 'v0.0.1' }, environment: { A: '1', API_VERSION: 'v0.0.1' }, portMappings: [] },
      ],
    },
  } as unknown as ServiceSpec;

  it('changes the task container image tag and merges the environment, leaving the rest as it was', () => {
    const next = applyTaskDefinitionChange(svc, svc.taskDefinition, { imageTag: 'v0.0.2', environment: { API_VERSION: 'v0.0.2', B: '2' } });
    expect(next.containers[1]).toMatchObject({ image: { repository: 'web', tag: 'v0.0.2' }, environment: { A: '1', API_VERSION: 'v0.0.2', B: '2' } });
    expect(next.containers[0]).toBe(svc.taskDefinition.containers[0]);
    expect(next).toMatchObject({ family: 'fam', cpu: 256, memory: 512 });
    expect(applyTaskDefinitionChange(svc, svc.taskDefinition, {})).toEqual(svc.taskDefinition);
  });

  it('parses --env KEY=VALUE (the first = splits) and rejects the rest', () => {
    expect(parseEnvironmentOverrides(['A=1', 'B=x=y', 'C='])).toEqual({ A: '1', B: 'x=y', C: '' });
    expect(() => parseEnvironmentOverrides(['=1'])).toThrow(EnvironmentOverrideError);
    expect(() => parseEnvironmentOverrides(['NOVALUE'])).toThrow('--env NOVALUE: expected KEY=VALUE with a non-empty KEY');
  });

  it('validates the control API body', () => {
    expect(parseDeployRequest({ imageTag: 'v0.0.2', environment: { A: '1' } })).toEqual({ imageTag: 'v0.0.2', environment: { A: '1' }, forceNewDeployment: undefined });
    expect(parseDeployRequest({ imageTag: 'bad tag' })).toMatch(/^imageTag:/);
    expect(parseDeployRequest({ environment: { A: 1 } })).toMatch(/^environment:/);
    expect(parseDeployRequest({ forceNewDeployment: 'yes' })).toMatch(/^forceNewDeployment:/);
  });
});

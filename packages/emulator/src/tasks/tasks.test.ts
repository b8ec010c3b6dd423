import type { ServiceSpec } from '@ecs-twin/manifest';
import { exitedTaskReason, newDeploymentId, newTaskId, STOPPED_REASON, taskContainerSpec } from './index.js';

describe('stopped reasons', () => {
  it('an OOM kill is exit 137 with ECS wording', () => {
    expect(exitedTaskReason({ exitCode: 137, oomKilled: true })).toEqual({
      stopCode: 'EssentialContainerExited',
      stoppedReason: 'OutOfMemoryError: Container killed due to memory usage',
      exitCode: 137,
    });
  });

  it('any other exit of the essential container stops the task', () => {
    expect(exitedTaskReason({ exitCode: 1, oomKilled: false })).toEqual({
      stopCode: 'EssentialContainerExited',
      stoppedReason: STOPPED_REASON.essentialExited,
      exitCode: 1,
    });
  });
});

describe('ids', () => {
  it('task ids are 32 hex chars, deployment ids ecs-svc/ + 19 digits', () => {
    expect(newTaskId()).toMatch(/^[0-9a-f]{32}$/);
    expect(newTaskId()).not.toBe(newTaskId());
    expect(newDeploymentId()).toMatch(/^ecs-svc\/[1-9]\d{18}$/);
  });
});

describe('taskContainerSpec', () => {
  const service = {
    serviceName: 'svc-ecs',
    key: 'svc',
    loadBalancer: { targetGroupName: 'tg', containerName: 'web', containerPort: 3000 },
    taskDefinition: {
      family: 'svc-td',
      cpu: 256,
      memory: 512,
      containers: [
        { name: 'web', essential: true, image: { repository: 'svc', tag: 'v1' }, environment: { A: '1' }, portMappings: [{ containerPort: 3000 }], stopTimeout: 30 },
      ],
    },
  } as unknown as ServiceSpec;

  it('carries the task definition limits, env, labels and published port', () => {
    const spec = taskContainerSpec({
      stack: 'st',
      cluster: 'cl',
      service,
      taskDefinition: service.taskDefinition,
      revision: 4,
      deploymentId: 'ecs-svc/1',
      taskId: 'a'.repeat(32),
      networkName: 'net',
      injectedEnvironment: (name) => ({ ECS_CONTAINER_METADATA_URI_V4: `http://x/v4/a-${name}` }),
    });
    expect(spec).toMatchObject({
      image: 'svc:v1',
      cpuUnits: 256,
      memoryMiB: 512,
      containerPort: 3000,
      networkName: 'net',
      stopTimeoutSeconds: 30,
      environment: { A: '1', ECS_CONTAINER_METADATA_URI_V4: 'http://x/v4/a-web' },
    });
    expect(spec.labels).toMatchObject({
      'ecs-twin.stack': 'st',
      'ecs-twin.role': 'task',
      'ecs-twin.cluster': 'cl',
      'ecs-twin.service': 'svc-ecs',
      'ecs-twin.task-definition': 'svc-td:4',
      'ecs-twin.task-id': 'a'.repeat(32),
      'ecs-twin.container': 'web',
      'ecs-twin.deployment': 'ecs-svc/1',
    });
  });

  it("passes the container's entryPoint and command on, and nothing when the image's own are used", () => {
    const input = { stack: 'st', cluster: 'cl', service, revision: 1, deploymentId: 'ecs-svc/1', taskId: 'b'.repeat(32) };
    const [web] = service.taskDefinition.containers;
    const overridden = { ...service.taskDefinition, containers: [{ ...web!, entryPoint: ['node'], command: ['-e', '1'] }] };
    expect(taskContainerSpec({ ...input, taskDefinition: overridden })).toMatchObject({ entryPoint: ['node'], command: ['-e', '1'] });
    const plain = taskContainerSpec({ ...input, taskDefinition: service.taskDefinition });
    expect(plain).not.toHaveProperty('command');
    expect(plain).not.toHaveProperty('entryPoint');
  });

  it('runs the load-balanced container as the main one and the others as sidecars of the same task', () => {
    const input = { stack: 'st', cluster: 'cl', service, revision: 2, deploymentId: 'ecs-svc/1', taskId: 'c'.repeat(32) };
    const [web] = service.taskDefinition.containers;
    const agent = { ...web!, name: 'agent', essential: false, image: { repository: 'agent', tag: '1' }, environment: { B: '2' }, portMappings: [], stopTimeout: 5, command: ['run'] };
    // The sidecar is listed first: the main container is the load balancer's, not the first one.
    const spec = taskContainerSpec({ ...input, taskDefinition: { ...service.taskDefinition, containers: [agent, web!] } });
    expect(spec).toMatchObject({ image: 'svc:v1', containerPort: 3000, labels: { 'ecs-twin.container': 'web', 'ecs-twin.essential': 'true' } });
    expect(spec.labels).not.toHaveProperty('ecs-twin.sidecar');
    expect(spec.sidecars).toEqual([
      {
        name: `${spec.name}-agent`,
        image: 'agent:1',
        environment: { B: '2' },
        stopTimeoutSeconds: 5,
        command: ['run'],
        labels: expect.objectContaining({ 'ecs-twin.task-id': 'c'.repeat(32), 'ecs-twin.container': 'agent', 'ecs-twin.essential': 'false', 'ecs-twin.sidecar': 'true', 'ecs-twin.role': 'task' }),
      },
    ]);
    expect(taskContainerSpec({ ...input, taskDefinition: service.taskDefinition })).not.toHaveProperty('sidecars');
  });
});

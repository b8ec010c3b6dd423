import { loadStack, type Stack } from '@ecs-twin/manifest';
import { join } from 'node:path';
import { metadataContainerId, metadataEnvironment } from './container-id.js';
import { ipv4Subnet } from './enrich-from-docker.js';
import { renderTaskMetadata } from './render-task.js';
import { taskMetadataRecord, type TaskFacts } from './task-lifecycle.js';

const taskId = '0123456789abcdef0123456789abcdef';
let stack: Stack;

beforeAll(async () => {
  stack = await loadStack(join(import.meta.dirname, '..', '..', '..', '..', 'stack.yaml'));
});

function usersTask(overrides: Partial<TaskFacts> = {}): TaskFacts {
  return {
    taskId,
    serviceName: 'service-users-ecs',
    taskDefinition: 'service-users-td:3',
    containerName: 'container-users',
    containerId: 'f'.repeat(64),
    lastStatus: 'RUNNING',
    createdAt: Date.parse('2026-01-02T03:04:05.000Z'),
    startedAt: Date.parse('2026-01-02T03:04:06.500Z'),
    namespaceIp: '172.20.0.5',
    ...overrides,
  };
}

function render(overrides: Partial<TaskFacts> = {}) {
  const service = stack.services.find((s) => s.key === 'users')!;
  return renderTaskMetadata(taskMetadataRecord(stack, service, service.taskDefinition, usersTask(overrides)));
}

describe('task metadata v4 /task document', () => {
  it("carries the task's own values in AWS's field names", () => {
    const task = render();
    expect(task).toMatchObject({
      Cluster: 'arn:aws:ecs:us-west-1:000000000000:cluster/ecs-cluster',
      ServiceName: 'service-users-ecs',
      TaskARN: `arn:aws:ecs:us-west-1:000000000000:task/ecs-cluster/${taskId}`,
      Family: 'service-users-td',
      Revision: '3',
      DesiredStatus: 'RUNNING',
      KnownStatus: 'RUNNING',
      Limits: { CPU: 0.25, Memory: 512 },
      PullStartedAt: '2026-01-02T03:04:05.000Z',
      PullStoppedAt: '2026-01-02T03:04:06.500Z',
      AvailabilityZone: 'us-west-1a',
      LaunchType: 'FARGATE',
      EphemeralStorageMetrics: { Utilized: 0, Reserved: 20496 },
    });
    expect(task.Containers).toHaveLength(1);
    expect(task.Containers[0]).toMatchObject({
      Name: 'container-users',
      Image: 'service-users:v0.0.1',
      Type: 'NORMAL',
      DesiredStatus: 'RUNNING',
      KnownStatus: 'RUNNING',
      StartedAt: '2026-01-02T03:04:06.500Z',
      LogDriver: 'awslogs',
      LogOptions: {
        'awslogs-group': '/ecs/service-users-td',
        'awslogs-region': 'us-west-1',
        'awslogs-stream': `ecs/container-users/${taskId}`,
        'awslogs-create-group': 'true',
      },
      Labels: {
        'com.amazonaws.ecs.cluster': 'arn:aws:ecs:us-west-1:000000000000:cluster/ecs-cluster',
        'com.amazonaws.ecs.container-name': 'container-users',
        'com.amazonaws.ecs.task-arn': `arn:aws:ecs:us-west-1:000000000000:task/ecs-cluster/${taskId}`,
        'com.amazonaws.ecs.task-definition-family': 'service-users-td',
        'com.amazonaws.ecs.task-definition-version': '3',
      },
      Networks: [{ NetworkMode: 'awsvpc', IPv4Addresses: ['172.20.0.5'], AttachmentIndex: 0 }],
    });
    expect(task.Containers[0]!.ContainerARN).toMatch(
      new RegExp(`^arn:aws:ecs:us-west-1:000000000000:container/ecs-cluster/${taskId}/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$`),
    );
  });

  it("uses Fargate's DockerId form, the same id the task's env names", () => {
    const dockerId = render().Containers[0]!.DockerId;
    expect(dockerId).toMatch(/^[0-9a-f]{32}-\d{10}$/);
    expect(dockerId).toBe(metadataContainerId(taskId, 'container-users'));
    expect(metadataEnvironment(taskId, 'container-users')).toEqual({ ECS_CONTAINER_METADATA_URI_V4: `http://ecs-metadata/v4/${dockerId}` });
    expect(metadataContainerId(taskId, 'other')).not.toBe(dockerId);
  });

  it('says STOPPED as the desired status of a task on its way down', () => {
    const task = render({ lastStatus: 'DEACTIVATING' });
    expect(task).toMatchObject({ DesiredStatus: 'STOPPED', KnownStatus: 'DEACTIVATING' });
  });

  it('omits what it does not know instead of sending null or undefined', () => {
    const task = render({ startedAt: undefined, namespaceIp: undefined });
    expect(JSON.parse(JSON.stringify(task))).toEqual(task);
    expect(task.Containers[0]).not.toHaveProperty('StartedAt');
    expect(task.Containers[0]!.Networks).toEqual([{ NetworkMode: 'awsvpc', IPv4Addresses: [] }]);
  });

  it('computes the subnet of a network address', () => {
    expect(ipv4Subnet('172.20.3.5', 16)).toBe('172.20.0.0/16');
    expect(ipv4Subnet('10.1.2.3', 24)).toBe('10.1.2.0/24');
    expect(ipv4Subnet('192.168.1.77', 32)).toBe('192.168.1.77/32');
  });
});

// Request shapes for CreateService / UpdateService (items 11, 13, 15).
import { desiredFor } from '../../plan/index.js';
import { emptyAccount, tutorialStack } from '../../testing/index.js';
import { serviceClientToken, serviceConnectShape, updateServiceInput } from './service-shapes.js';

describe('service request shapes', () => {
  it('leaves perRequestTimeoutSeconds out for a port mapping without appProtocol (item 13)', () => {
    const stack = tutorialStack();
    const tcp = {
      ...stack,
      services: stack.services.map((s) => ({
        ...s,
        taskDefinition: { ...s.taskDefinition, containers: s.taskDefinition.containers.map((c) => ({ ...c, portMappings: c.portMappings.map(({ appProtocol: _a, ...p }) => p) })) },
      })),
    } as typeof stack;
    const withHttp = desiredFor(stack, emptyAccount()).services[0]!.config.serviceConnect!;
    const plainTcp = desiredFor(tcp, emptyAccount()).services[0]!.config.serviceConnect!;
    expect(serviceConnectShape(withHttp).services![0]!.timeout).toEqual({ idleTimeoutSeconds: 300, perRequestTimeoutSeconds: 15 });
    expect(serviceConnectShape(plainTcp).services![0]!.timeout).toEqual({ idleTimeoutSeconds: 300 });
  });

  it('sends only the fields given to UpdateService (item 11)', () => {
    expect(updateServiceInput({ cluster: 'c', serviceName: 's', desiredCount: 2 })).toEqual({ cluster: 'c', service: 's', desiredCount: 2 });
    expect(updateServiceInput({ cluster: 'c', serviceName: 's', taskDefinitionArn: 'arn:td:2', forceNewDeployment: true }))
      .toEqual({ cluster: 'c', service: 's', taskDefinition: 'arn:td:2', forceNewDeployment: true });
  });

  it('derives a stable clientToken of at most 36 characters from stack, service and spec (item 15)', () => {
    const token = serviceClientToken('ecs-tutorial', 'service-users-ecs', 'abc:arn:td:1');
    expect(token).toMatch(/^[0-9a-f]{32}$/);
    expect(serviceClientToken('ecs-tutorial', 'service-users-ecs', 'abc:arn:td:1')).toBe(token);
    expect(serviceClientToken('ecs-tutorial', 'service-users-ecs', 'abc:arn:td:2')).not.toBe(token);
    expect(serviceClientToken('other', 'service-users-ecs', 'abc:arn:td:1')).not.toBe(token);
  });
});

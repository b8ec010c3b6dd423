import type { ServiceSpec, Stack, TaskDefinitionSpec } from '@ecs-twin/manifest';
import { emptyState, registerTaskDefinition } from '../state/index.js';
import { withNewPrimaryDeployment } from '../deployments/rollout.js';
import { prepareState } from '../stack-runtime/prepare-state.js';
import { primaryImage } from './service-image.js';

const definition = (tag: string): TaskDefinitionSpec =>
  ({
    family: 'svc-td',
    cpu: 256,
    memory: 512,
    containers: [
      { name: 'log-router', essential: false, image: { repository: 'fluent-bit', tag: '2' }, portMappings: [] },
      { name: 'app', essential: true, image: { repository: 'svc', tag }, portMappings: [{ containerPort: 3000 }] },
    ],
  }) as unknown as TaskDefinitionSpec;

const service = (tag: string): ServiceSpec =>
  ({ serviceName: 'svc', desiredCount: 1, taskDefinition: definition(tag), loadBalancer: { containerName: 'app', containerPort: 3000 } }) as unknown as ServiceSpec;

describe('primaryImage', () => {
  it("is the load-balanced container's <repository>:<tag> of the PRIMARY deployment's revision, not the manifest's", () => {
    const first = prepareState({ stack: 's', services: [service('v1')] } as unknown as Stack, emptyState('s'), 0).state;
    expect(primaryImage(service('v1'), first)).toBe('svc:v1');
    // `emulate deploy` registered v2 and made it PRIMARY; the manifest still says v1.
    const registered = registerTaskDefinition(first, definition('v2'), 1);
    const rec = registered.state.services.svc!;
    const deployed = { ...registered.state, services: { svc: { ...rec, deployments: withNewPrimaryDeployment(rec.deployments, `svc-td:${registered.revision}`, 1) } } };
    expect(primaryImage(service('v1'), deployed)).toBe('svc:v2');
  });

  it("falls back to the manifest's definition for a service without state", () => {
    expect(primaryImage(service('v3'), emptyState('s'))).toBe('svc:v3');
  });
});

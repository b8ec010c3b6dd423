import { fileURLToPath } from 'node:url';
import { loadStack } from '@ecs-twin/manifest';
import { FakeContainerRuntime } from '../testing/fake-container-runtime.js';
import { ImageMissingError } from '../tasks/index.js';
import { ensureStackImages } from './images.js';

const SIDECARS = fileURLToPath(new URL('../../testdata/sidecars.yaml', import.meta.url));

describe('ensureStackImages', () => {
  it("fails before anything starts when a sidecar's image is not here, naming it and the service", async () => {
    const stack = await loadStack(SIDECARS);
    const web = stack.services[0]!;
    const [main, sidecar, init] = web.taskDefinition.containers;
    const withAgent = {
      ...stack,
      services: [{ ...web, taskDefinition: { ...web.taskDefinition, containers: [main!, { ...sidecar!, image: { repository: 'agent', tag: '9' } }, init!] } }],
    };
    const runtime = new FakeContainerRuntime();
    runtime.imageExists = async (image: string) => image !== 'agent:9';
    const failure = ensureStackImages(withAgent, runtime, () => undefined);
    await expect(failure).rejects.toThrow(ImageMissingError);
    await expect(failure).rejects.toThrow('find image agent:9 for service-web-ecs: not present locally');
    // The same image as the main container's is the main container's business (built from `build`).
    await expect(ensureStackImages(stack, runtime, () => undefined)).resolves.toBeUndefined();
  });
});

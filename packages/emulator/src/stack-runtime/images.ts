import type { Stack } from '@ecs-twin/manifest';
import type { ContainerRuntime } from '../docker/index.js';
import type { EmitEvent } from '../events/index.js';
import { buildServiceImage } from '@ecs-twin/images';
import { ImageMissingError, imageName, mainContainer } from '../tasks/index.js';
import { dockerClient } from '../docker/index.js';

/**
 * `up` builds the images that are missing (through the images module) and
 * leaves present ones alone, so a warm start does no build work.
 */
export async function ensureStackImages(
  stack: Stack,
  runtime: ContainerRuntime,
  emit: EmitEvent,
  options: { rebuild?: boolean } = {},
): Promise<void> {
  for (const service of stack.services) {
    const container = mainContainer(service, service.taskDefinition);
    const image = imageName(container);
    // `build` makes the main container's image; a sidecar's must already be here (nothing is pulled).
    for (const other of service.taskDefinition.containers.map(imageName)) {
      if (other !== image && !(await runtime.imageExists(other))) throw new ImageMissingError(other, service.serviceName);
    }
    if (!options.rebuild && (await runtime.imageExists(image))) continue;
    if (!service.build) throw new ImageMissingError(image, service.serviceName);
    emit({ kind: 'stack', message: `Building image ${image}…`, serviceName: service.serviceName });
    const started = Date.now();
    await buildServiceImage({
      context: service.build.context,
      dockerfile: service.build.dockerfile,
      repository: container.image.repository,
      tag: container.image.tag,
      service: service.key,
      docker: dockerClient(),
      onProgress: (line) => emit({ kind: 'stack', message: `  ${line}`, serviceName: service.serviceName, detail: { progress: true } }),
    });
    emit({ kind: 'stack', message: `Built image ${image} in ${((Date.now() - started) / 1000).toFixed(1)} s`, serviceName: service.serviceName });
  }
}

/**
 * The background emulator starts while the CLI still checks or builds images:
 * it waits until every image the stack runs is present before it starts tasks.
 */
export async function waitForStackImages(stack: Stack, runtime: ContainerRuntime, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const service of stack.services) {
    const image = imageName(mainContainer(service, service.taskDefinition));
    while (!(await runtime.imageExists(image))) {
      if (Date.now() > deadline) throw new ImageMissingError(image, service.serviceName);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

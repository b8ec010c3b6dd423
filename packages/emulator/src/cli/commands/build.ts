import { loadStack } from '@ecs-twin/manifest';
import { dockerClient } from '../../docker/index.js';
import { buildStackImages } from '@ecs-twin/images';
import { imageRef } from '@ecs-twin/manifest/model/image-ref';
import type { Command } from '../args.js';
import type { CliIo } from '../context.js';
import { EXIT } from '../exit-codes.js';

/** `emulate build [service...]`: the service images from the manifest's build contexts. */
export async function build(command: Extract<Command, { name: 'build' }>, io: CliIo): Promise<number> {
  const stack = await loadStack(command.file);
  const results = await buildStackImages(stack, { docker: dockerClient(), onProgress: (l) => io.err(l), only: command.services });
  for (const r of results) io.out(`${imageRef(r)}  ${r.cached ? 'up to date' : `built in ${r.seconds.toFixed(1)} s`}`);
  return EXIT.ok;
}

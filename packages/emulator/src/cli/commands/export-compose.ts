import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { composeYaml, generateCompose, loadStack } from '@ecs-twin/manifest';
import type { Command } from '../args.js';
import type { CliIo } from '../context.js';
import { EXIT } from '../exit-codes.js';

/**
 * `emulate export compose`: writes `compose/docker-compose.yml` (next to the
 * manifest, or --output) for people who want plain Compose; the manifest
 * package generates it, and a test there keeps the checked-in file in sync.
 */
export async function exportCompose(command: Extract<Command, { name: 'export-compose' }>, io: CliIo): Promise<number> {
  const stack = await loadStack(command.file);
  const output = resolve(command.output ?? join(dirname(stack.sourceFile), 'compose', 'docker-compose.yml'));
  await mkdir(dirname(output), { recursive: true });
  await writeFile(output, composeYaml(generateCompose(stack, { outputDir: dirname(output) }), basename(command.file)));
  io.out(output);
  return EXIT.ok;
}

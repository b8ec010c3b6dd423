// `pnpm images [--file stack.yaml] [--service users]...`: builds the image of every
// service with `build:` in the manifest. Progress on stderr, a table on stdout.
import { hintsOf, loadStack } from '@ecs-twin/manifest';
import { exitWhenFlushed } from '@ecs-twin/manifest/cli-process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatImagesTable } from './images-table.js';
import { buildStackImages } from './stack-images.js';

const USAGE = 'usage: pnpm images [--file stack.yaml] [--service <key>]...';

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      file: { type: 'string', short: 'f', default: 'stack.yaml' },
      service: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const stack = await loadStack(resolve(values.file));
  const rows = await buildStackImages(stack, { only: values.service });
  if (rows.length === 0) process.stderr.write(`[images] no service of ${stack.stack} has a build: section\n`);
  else process.stdout.write(`${formatImagesTable(rows)}\n`);
  return 0;
}

function report(error: unknown): number {
  // One readable message, no stack trace: these are user-facing conditions (no engine, bad manifest, failed build).
  if (error instanceof Error) {
    process.stderr.write(`error: ${error.message}\n`);
    for (const hint of hintsOf(error)) process.stderr.write(`  hint: ${hint}\n`);
    if (process.env.DEBUG) process.stderr.write(`${error.stack}\n`);
  } else {
    process.stderr.write(`error: ${String(error)}\n`);
  }
  return 1;
}

main(process.argv.slice(2)).then(
  (code) => exitWhenFlushed(code),
  (error: unknown) => exitWhenFlushed(report(error)),
);

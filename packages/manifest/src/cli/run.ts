import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { composeYaml, generateCompose } from '../compose/index.js';
import { ManifestError } from '../errors/index.js';
import { stackJsonSchemaText } from '../json-schema/index.js';
import { checkManifest, readManifest, type ManifestCheck } from '../load/index.js';
import type { Stack } from '../model/stack.js';
import { EXIT, type CliIo } from './io.js';
import { reportIssues, summary } from './report.js';

export const USAGE = `Usage: pnpm manifest <command> [file]

Commands:
  validate [file]   check a manifest (default ./stack.yaml); lists every problem with file:line:column
  print [file]      print the resolved stack (every default filled in) as JSON
  schema            print the manifest's JSON Schema (for editors)
  compose [file]    print a docker-compose.yml for the stack

Options:
  -h, --help        show this help

Exit codes: 0 ok, 2 invalid manifest or usage error, 1 unexpected failure.
`;

const COMMANDS = ['validate', 'print', 'schema', 'compose'] as const;
type Command = (typeof COMMANDS)[number];

/** Runs one CLI invocation and returns its exit code; never throws for user errors. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: { help: { type: 'boolean', short: 'h' } } });
  } catch (cause) {
    return usageError(io, (cause as Error).message);
  }
  const [command, file, ...extra] = parsed.positionals;
  if (parsed.values.help) {
    io.stdout(USAGE);
    return EXIT.ok;
  }
  if (command === undefined) return usageError(io, 'missing command');
  if (!isCommand(command)) return usageError(io, `unknown command "${command}"`);
  if (extra.length > 0 || (command === 'schema' && file !== undefined)) {
    return usageError(io, `too many arguments for ${command}: ${[file, ...extra].filter(Boolean).join(' ')}`);
  }
  if (command === 'schema') {
    io.stdout(stackJsonSchemaText());
    return EXIT.ok;
  }
  const manifest = file ?? 'stack.yaml';
  const checked = await check(io, manifest);
  if (!checked.stack) {
    reportIssues(io, manifest, checked.errors, checked.warnings);
    return EXIT.invalid;
  }
  reportIssues(io, manifest, [], checked.warnings);
  return emit(io, command, manifest, checked.stack, checked.warnings.length);
}

function emit(io: CliIo, command: Exclude<Command, 'schema'>, manifest: string, stack: Stack, warnings: number): number {
  if (command === 'validate') io.stdout(`${summary(manifest, stack, warnings)}\n`);
  if (command === 'print') io.stdout(`${JSON.stringify(stack, null, 2)}\n`);
  if (command === 'compose') {
    const outputDir = join(dirname(stack.sourceFile), 'compose');
    io.stdout(composeYaml(generateCompose(stack, { outputDir }), manifest));
  }
  return EXIT.ok;
}

async function check(io: CliIo, file: string): Promise<ManifestCheck> {
  try {
    const path = resolve(io.cwd, file);
    return checkManifest(await readManifest(path, file), file, path);
  } catch (cause) {
    if (cause instanceof ManifestError) return { errors: cause.issues, warnings: cause.warnings };
    throw cause;
  }
}

function usageError(io: CliIo, message: string): number {
  io.stderr(`manifest: ${message}\n\n${USAGE}`);
  return EXIT.invalid;
}

function isCommand(value: string): value is Command {
  return (COMMANDS as readonly string[]).includes(value);
}

import { parseArgs, type ParseArgsConfig } from 'node:util';
import { TwinError } from '@ecs-twin/manifest/twin-error';

type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig['options']>;
import type { TimingProfileName } from '../timing/index.js';
import { parseEnvironmentOverrides } from '../deployments/task-definition-change.js';

/** Bad command line: exit 2 with the usage. */
export class UsageError extends TwinError {
  readonly name = 'UsageError';
  constructor(message: string) {
    super(message, { exitCode: 2, hints: ['Run `emulate help` for the commands and their options.'] });
  }
}

export type Command =
  | { readonly name: 'up'; readonly file: string; readonly detach: boolean; readonly timing: TimingProfileName; readonly watch?: boolean }
  | { readonly name: 'status'; readonly file: string; readonly json: boolean; readonly history?: boolean }
  | { readonly name: 'plan'; readonly file: string; readonly json: boolean }
  | { readonly name: 'logs'; readonly file: string; readonly service: string; readonly follow: boolean; readonly since?: string }
  | { readonly name: 'down'; readonly file: string }
  | { readonly name: 'scale'; readonly file: string; readonly service: string; readonly desiredCount: number }
  | { readonly name: 'build'; readonly file: string; readonly services: readonly string[] }
  | { readonly name: 'stress'; readonly argv: readonly string[] }
  | { readonly name: 'export-compose'; readonly file: string; readonly output?: string }
  | {
      readonly name: 'deploy';
      readonly file: string;
      readonly service: string;
      readonly imageTag?: string;
      readonly environment: Readonly<Record<string, string>>;
      readonly rebuild: boolean;
      readonly json: boolean;
    }
  | { readonly name: 'help' };

export const USAGE = `Usage: emulate [<command>] [options]      (no command: up, in the foreground)

Commands:
  up [--detach] [--timing local|aws] [--watch]
                                        run the stack from the manifest (foreground; Ctrl-C stops it);
                                        --watch rebuilds and redeploys a service when its source changes
  deploy <service> [--image-tag T] [--env K=V ...] [--rebuild] [--json]
                                        new task-definition revision, rolled out; waits until it completes
  status [--json [--history]]           services, tasks, targets, listeners (ECS field names with --json);
                                        --history adds every autoscaling period of the last 15 minutes
  plan [--json]                         what up would change: new services, task-definition revisions, desired counts
  logs <service> [--follow] [--since 5m]  task logs, one awslogs stream per task
  scale <service> <count>               set a service's desired count (UpdateService)
  down                                  remove everything the stack created, and nothing else
  build [service...]                    build the service images from the manifest
  stress [options]                      the tutorial's load test through listener 8000
  export compose [--output FILE]        write compose/docker-compose.yml for plain Compose

Every command takes --file <stack.yaml> (default: ./stack.yaml).
Exit codes: 0 success, 1 runtime failure, 2 usage or manifest error.`;

const common = { file: { type: 'string', short: 'f', default: 'stack.yaml' } } as const;

function parse(argv: readonly string[], options: ParseArgsOptionsConfig, positionals: number) {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: { ...common, ...options }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0]!);
  }
  if (parsed.positionals.length > positionals) throw new UsageError(`unexpected argument: ${parsed.positionals[positionals]}`);
  return parsed as { values: Record<string, string | boolean | undefined>; positionals: string[] };
}

/** argv after the program name (e.g. ["up", "--detach"]) -> Command; throws UsageError. */
export function parseCommand(argv: readonly string[]): Command {
  // `pnpm emulate` alone (or with only options) is `emulate up` in the foreground.
  if (argv.length === 0 || (argv[0]!.startsWith('-') && argv[0] !== '-h' && argv[0] !== '--help')) return parseCommand(['up', ...argv]);
  const [name, ...rest] = argv;
  switch (name) {
    case 'help':
    case '--help':
    case '-h':
      return { name: 'help' };
    case 'up': {
      const { values } = parse(
        rest,
        { detach: { type: 'boolean', short: 'd', default: false }, timing: { type: 'string', default: 'local' }, watch: { type: 'boolean', default: false } },
        0,
      );
      const timing = values.timing as string;
      if (timing !== 'local' && timing !== 'aws') throw new UsageError(`--timing ${timing}: expected local or aws`);
      return { name: 'up', file: values.file as string, detach: values.detach === true, timing, ...(values.watch === true ? { watch: true } : {}) };
    }
    case 'status': {
      const { values } = parse(rest, { json: { type: 'boolean', default: false }, history: { type: 'boolean', default: false } }, 0);
      if (values.history === true && values.json !== true) throw new UsageError('status --history: add --json (the table shows no history)');
      return { name: 'status', file: values.file as string, json: values.json === true, ...(values.history === true ? { history: true } : {}) };
    }
    case 'plan': {
      const { values } = parse(rest, { json: { type: 'boolean', default: false } }, 0);
      return { name: 'plan', file: values.file as string, json: values.json === true };
    }
    case 'logs': {
      const { values, positionals } = parse(rest, { follow: { type: 'boolean', default: false }, since: { type: 'string' } }, 1);
      if (!positionals[0]) throw new UsageError('logs: name the service (e.g. `emulate logs service-users-ecs`)');
      return { name: 'logs', file: values.file as string, service: positionals[0], follow: values.follow === true, since: values.since as string | undefined };
    }
    case 'down': {
      const { values } = parse(rest, {}, 0);
      return { name: 'down', file: values.file as string };
    }
    case 'scale': {
      const { values, positionals } = parse(rest, {}, 2);
      const count = Number(positionals[1]);
      if (!positionals[0] || !Number.isInteger(count) || count < 0) throw new UsageError('scale: expected `emulate scale <service> <count>` with a count >= 0');
      return { name: 'scale', file: values.file as string, service: positionals[0], desiredCount: count };
    }
    case 'build': {
      const { values, positionals } = parse(rest, {}, 100);
      return { name: 'build', file: values.file as string, services: positionals };
    }
    case 'deploy':
      return parseDeployCommand(rest);
    case 'export': {
      const { values, positionals } = parse(rest, { output: { type: 'string', short: 'o' } }, 1);
      if (positionals[0] !== 'compose') throw new UsageError('export: the only format is compose (`emulate export compose`)');
      return { name: 'export-compose', file: values.file as string, output: values.output as string | undefined };
    }
    case 'stress':
      // The stress module parses its own options (--file included).
      return { name: 'stress', argv: rest };
    default:
      throw new UsageError(`unknown command: ${name}`);
  }
}

function parseDeployCommand(rest: readonly string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...rest],
      options: {
        ...common,
        'image-tag': { type: 'string' },
        env: { type: 'string', multiple: true, default: [] },
        rebuild: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0]!);
  }
  const [service, extra] = parsed.positionals;
  if (!service) throw new UsageError('deploy: name the service (e.g. `emulate deploy users --image-tag v0.0.2`)');
  if (extra) throw new UsageError(`unexpected argument: ${extra}`);
  let environment: Record<string, string>;
  try {
    environment = parseEnvironmentOverrides(parsed.values.env ?? []);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const imageTag = parsed.values['image-tag'];
  if (imageTag !== undefined && !/^[\w][\w.-]{0,127}$/.test(imageTag)) throw new UsageError(`--image-tag ${imageTag}: not a valid Docker tag`);
  return {
    name: 'deploy',
    file: parsed.values.file ?? 'stack.yaml',
    service,
    ...(imageTag ? { imageTag } : {}),
    environment,
    rebuild: parsed.values.rebuild === true,
    json: parsed.values.json === true,
  };
}

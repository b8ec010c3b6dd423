// `pnpm run deploy [plan|apply|destroy|status] --target aws|local ...` parsed with node:util.
import { parseArgs } from 'node:util';
import { UsageError } from '../errors/index.js';

export const COMMANDS = ['plan', 'apply', 'destroy', 'status'] as const;
export type CommandName = (typeof COMMANDS)[number];

export interface CliArgs {
  readonly command: CommandName;
  readonly target: 'aws' | 'local';
  readonly file: string;
  readonly region?: string;
  readonly profile?: string;
  readonly yes: boolean;
  readonly json: boolean;
  readonly skipPush: boolean;
  readonly wait: boolean;
  readonly waitTimeoutSeconds?: number;
  readonly help: boolean;
}

export const USAGE = `usage: pnpm run deploy [plan|apply|destroy|status] [options]

  plan       show what apply would change, and change nothing
  apply      (default) show the plan, confirm, create/update, wait until stable, print the URLs
  destroy    delete everything this stack's tag marks, in reverse order
  status     services, tasks, target health and the load balancer URLs

options:
  --target aws|local   aws (default), or a running local emulator (pnpm emulate deploy)
  --file PATH          the manifest (default: stack.yaml)
  --region R           AWS region (default: AWS_REGION, else the manifest's region)
  --profile P          named AWS profile
  --yes                don't ask for confirmation (needed when stdin is not a terminal)
  --json               machine-readable result on stdout, events as JSON lines on stderr
  --skip-push          don't build or push images: their tags are already in ECR
  --no-wait            don't wait for services to become stable
  --wait-timeout S     give up waiting after S seconds (default 900)

AWS_ENDPOINT_URL points every client at another endpoint (e.g. a moto server).`;

export function parseCliArgs(argv: readonly string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        target: { type: 'string', default: 'aws' },
        file: { type: 'string', short: 'f', default: 'stack.yaml' },
        region: { type: 'string' },
        profile: { type: 'string' },
        yes: { type: 'boolean', short: 'y', default: false },
        json: { type: 'boolean', default: false },
        'skip-push': { type: 'boolean', default: false },
        'no-wait': { type: 'boolean', default: false },
        'wait-timeout': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    throw new UsageError(`invalid arguments: ${(e as Error).message}`);
  }
  const { values: v, positionals } = parsed;
  if (positionals.length > 1) throw new UsageError(`too many arguments: ${positionals.join(' ')}`);
  const command = (positionals[0] ?? 'apply') as CommandName;
  if (!COMMANDS.includes(command)) throw new UsageError(`unknown command "${command}": expected one of ${COMMANDS.join(', ')}`);
  if (v.target !== 'aws' && v.target !== 'local') throw new UsageError(`invalid --target "${v.target}": expected aws or local`);
  const timeout = v['wait-timeout'] !== undefined ? Number(v['wait-timeout']) : undefined;
  if (timeout !== undefined && !(timeout > 0)) throw new UsageError(`invalid --wait-timeout "${v['wait-timeout']}": expected a number of seconds`);
  return {
    command,
    target: v.target,
    file: v.file!,
    ...(v.region ? { region: v.region } : {}),
    ...(v.profile ? { profile: v.profile } : {}),
    yes: v.yes!,
    json: v.json!,
    skipPush: v['skip-push']!,
    wait: !v['no-wait'],
    ...(timeout !== undefined ? { waitTimeoutSeconds: timeout } : {}),
    help: v.help!,
  };
}

export interface RegionChoice {
  readonly region?: string;
  /** Where it came from: `--region`, `AWS_REGION`, `AWS_DEFAULT_REGION` or `stack.yaml`. */
  readonly source?: string;
  /** Set when the environment overrides a different region in the manifest. */
  readonly warning?: string;
}

/**
 * --region, then AWS_REGION / AWS_DEFAULT_REGION (as every AWS tool reads them),
 * then the manifest's `region`. An environment region that differs from the
 * manifest's is said out loud: deploying to another region than the file names
 * is easy to miss.
 */
export function chooseRegion(flag: string | undefined, env: NodeJS.ProcessEnv, manifestRegion: string | undefined): RegionChoice {
  if (flag) return { region: flag, source: '--region' };
  for (const name of ['AWS_REGION', 'AWS_DEFAULT_REGION']) {
    const value = env[name];
    if (!value) continue;
    return {
      region: value,
      source: name,
      ...(manifestRegion && manifestRegion !== value
        ? { warning: `${name}=${value} overrides the manifest's region ${manifestRegion}; pass --region ${manifestRegion} (or unset ${name}) to deploy where stack.yaml says` }
        : {}),
    };
  }
  return manifestRegion ? { region: manifestRegion, source: 'stack.yaml' } : {};
}

export function resolveRegion(flag: string | undefined, env: NodeJS.ProcessEnv, manifestRegion: string | undefined): string | undefined {
  return chooseRegion(flag, env, manifestRegion).region;
}

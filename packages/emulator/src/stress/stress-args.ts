import { parseArgs } from 'node:util';
import { TwinError } from '@ecs-twin/manifest/twin-error';

// `emulate stress` arguments (pure: parsed and checked here, run elsewhere).

export interface StressArgs {
  readonly url: string;
  readonly path: string;
  readonly rate: number;
  readonly durationSeconds: number;
  readonly timeoutSeconds: number;
  readonly tool: 'auto' | 'vegeta' | 'node';
  /** Service whose running tasks the live line shows. */
  readonly service?: string;
  /** stack.yaml, to find the service behind the listener and the stack's labels. */
  readonly file: string;
  readonly json: boolean;
  readonly help: boolean;
}

export class StressUsageError extends TwinError {
  override readonly name = 'StressUsageError';
  constructor(message: string) {
    super(message, { hints: ['pnpm stress --help'] });
  }
}

export const STRESS_USAGE = `Usage: emulate stress [options]

Runs the tutorial's attack (vegeta attack -duration=120s, GET /stress-test)
against the local load balancer, with a live line and vegeta's report.

Options:
  --url <url>          listener to attack             (default http://127.0.0.1:8000)
  --path <path>        request path                   (default /stress-test)
  --rate <n>[/s]       requests per second            (default 50, vegeta's)
  --duration <d>       e.g. 120s, 2m, 1m30s           (default 120s)
  --timeout <d>        per-request timeout            (default 30s, vegeta's)
  --tool <t>           auto | vegeta | node           (default auto: vegeta if installed, else node)
  --service <name>     service whose tasks to count   (default: the one behind the listener)
  -f, --file <path>    stack manifest                 (default stack.yaml)
  --json               print the report as JSON on stdout
  -h, --help

node is a built-in open-loop client: like vegeta it sends at the asked rate
whatever the answers do, so a slow service shows as latency, not as a lower rate.
`;

export function parseStressArgs(argv: readonly string[]): StressArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        url: { type: 'string', default: 'http://127.0.0.1:8000' },
        path: { type: 'string', default: '/stress-test' },
        rate: { type: 'string', default: '50' },
        duration: { type: 'string', default: '120s' },
        timeout: { type: 'string', default: '30s' },
        tool: { type: 'string', default: 'auto' },
        service: { type: 'string' },
        file: { type: 'string', short: 'f', default: 'stack.yaml' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      allowPositionals: false,
    }));
  } catch (error) {
    throw new StressUsageError(`parse stress options: ${(error as Error).message}`);
  }
  const tool = values.tool;
  if (tool === 'autocannon') {
    throw new StressUsageError(
      'parse --tool: autocannon is no longer the fallback (it is closed-loop: against a slow service it sent fewer requests than asked); use --tool node, the built-in open-loop client',
    );
  }
  if (tool !== 'auto' && tool !== 'vegeta' && tool !== 'node') {
    throw new StressUsageError(`parse --tool: expected auto, vegeta or node, got "${tool}"`);
  }
  try {
    new URL(values.url);
  } catch {
    throw new StressUsageError(`parse --url: "${values.url}" is not a URL`);
  }
  return {
    url: values.url,
    path: values.path.startsWith('/') ? values.path : `/${values.path}`,
    rate: parseRate(values.rate),
    durationSeconds: parseDuration(values.duration, '--duration'),
    timeoutSeconds: parseDuration(values.timeout, '--timeout'),
    tool,
    ...(values.service ? { service: values.service } : {}),
    file: values.file,
    json: values.json,
    help: values.help,
  };
}

/** "50", "50/s", "50/1s" (vegeta's syntax) -> 50. */
export function parseRate(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(?:\/1?s)?$/.exec(text.trim());
  const rate = match ? Number(match[1]) : NaN;
  if (!(rate > 0)) throw new StressUsageError(`parse --rate: expected requests per second such as 50 or 50/s, got "${text}"`);
  return rate;
}

/** "120", "120s", "2m", "1m30s", "500ms" (Go duration syntax, as vegeta takes) -> seconds. */
export function parseDuration(text: string, flag: string): number {
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  const units: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 0.001 };
  let seconds = 0;
  let rest = trimmed;
  const part = /^(\d+(?:\.\d+)?)(ms|h|m|s)/;
  while (rest) {
    const match = part.exec(rest);
    if (!match) throw new StressUsageError(`parse ${flag}: expected a duration such as 120s, 2m or 1m30s, got "${text}"`);
    seconds += Number(match[1]) * units[match[2]!]!;
    rest = rest.slice(match[0].length);
  }
  if (!(seconds > 0)) throw new StressUsageError(`parse ${flag}: the duration must be above zero, got "${text}"`);
  return seconds;
}

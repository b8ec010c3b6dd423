import { loadStack, type Stack } from '@ecs-twin/manifest';
import { hintsOf } from '@ecs-twin/manifest/twin-error';
import { dockerTaskCounter } from './docker-task-counter.js';
import { formatLiveLine } from './live-stats.js';
import { runStress } from './run-stress.js';
import { parseStressArgs, STRESS_USAGE, StressUsageError } from './stress-args.js';
import { formatMs, formatStressReport } from './stress-report.js';

export interface StressCommandIo {
  readonly stdout?: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr?: NodeJS.WritableStream & { isTTY?: boolean };
  /** Running task count of the attacked service; default: counted in Docker by the stack's labels. */
  readonly taskCount?: () => Promise<number>;
  /** Stops the attack early (the report still prints). Default: SIGINT. */
  readonly signal?: AbortSignal;
}

/**
 * `emulate stress [options]` (`pnpm stress`): the tutorial's vegeta attack on
 * listener 8000. Live line on stderr, report on stdout (JSON with --json).
 * Resolves to the process exit code.
 */
export async function stressCommand(argv: readonly string[], io: StressCommandIo = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  let args;
  try {
    args = parseStressArgs(argv);
  } catch (error) {
    if (!(error instanceof StressUsageError)) throw error;
    stderr.write(`${error.message}\n${STRESS_USAGE}`);
    return 2;
  }
  if (args.help) {
    stdout.write(STRESS_USAGE);
    return 0;
  }

  const taskCount = io.taskCount ?? (await defaultTaskCounter(args.file, args.url, args.service));
  const abort = new AbortController();
  const onSigint = () => abort.abort();
  if (io.signal) io.signal.addEventListener('abort', onSigint, { once: true });
  else process.once('SIGINT', onSigint);

  const tty = stderr.isTTY === true;
  stderr.write(`Attacking GET ${new URL(args.path, args.url)} at ${args.rate}/s for ${args.durationSeconds}s (Ctrl-C stops early)\n`);
  try {
    const report = await runStress({
      url: args.url,
      path: args.path,
      rate: args.rate,
      durationSeconds: args.durationSeconds,
      timeoutSeconds: args.timeoutSeconds,
      tool: args.tool,
      signal: abort.signal,
      ...(taskCount ? { taskCount } : {}),
      onNotice: (message) => stderr.write(`${message}\n`),
      onTick: (figures) => {
        const line = formatLiveLine(figures, formatMs);
        stderr.write(tty ? `\r\x1b[2K${line}` : `${line}\n`);
      },
    });
    if (tty) stderr.write('\n');
    stdout.write(args.json ? `${JSON.stringify(report, null, 2)}\n` : formatStressReport(report));
    return 0;
  } catch (error) {
    if (tty) stderr.write('\n');
    stderr.write(`${(error as Error).message}\n`);
    for (const hint of hintsOf(error)) stderr.write(`  hint: ${hint}\n`);
    return 1;
  } finally {
    if (!io.signal) process.removeListener('SIGINT', onSigint);
  }
}

/** The service behind the attacked listener (from stack.yaml), counted in Docker. */
async function defaultTaskCounter(file: string, url: string, service?: string): Promise<(() => Promise<number>) | undefined> {
  let stack: Stack;
  try {
    stack = await loadStack(file);
  } catch {
    return undefined; // no manifest here: the live line simply shows no task count
  }
  const serviceName = service ?? serviceBehindListener(stack, Number(new URL(url).port || 80));
  return serviceName ? dockerTaskCounter(stack.stack, serviceName) : undefined;
}

export function serviceBehindListener(stack: Stack, port: number): string | undefined {
  const listener = stack.loadBalancer.listeners.find((l) => l.port === port);
  if (!listener) return undefined;
  return stack.services.find((s) => s.loadBalancer?.targetGroupName === listener.targetGroupName)?.serviceName;
}

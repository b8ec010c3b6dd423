// The deploy CLI: load the manifest, wire the AWS clients, run one command.
// Data goes to stdout, progress to stderr; --json makes both machine-readable.
import { loadStack, type Stack } from '@ecs-twin/manifest';
import { AWS_WAIT, executeApply, executeDestroy, prepareApply, prepareDestroy, type DeployerOptions, type WaitSettings } from '../apply/index.js';
import { ApiCallRecorder, AwsClients, awsPorts } from '../aws/index.js';
import { NoRegionError, UsageError } from '../errors/index.js';
import type { EmitEvent } from '../events/index.js';
import { DockerImagePublisher, DockerodePushEngine, EmulatorImageBuilder } from '../image/index.js';
import { deployLocal } from '../local/index.js';
import { summarize } from '../plan/index.js';
import { stackStatus } from '../status/index.js';
import { chooseRegion, type CliArgs } from './args.js';
import type { CliIo } from './io.js';
import { renderEvent, renderPlan, renderStatus } from './render.js';

/** Against an emulated endpoint (moto) there is nothing to wait 15 s for. */
const ENDPOINT_WAIT: WaitSettings = { maxWaitSeconds: 120, minDelaySeconds: 2, maxDelaySeconds: 5, noTaskGraceSeconds: 20 };

export interface RunDeps {
  /** Overrides the clients' configuration (tests: endpoint and credentials). */
  readonly aws?: Partial<ConstructorParameters<typeof AwsClients>[0]>;
}

export async function runCli(args: CliArgs, io: CliIo, deps: RunDeps = {}): Promise<number> {
  const stack = await loadStack(args.file);
  const emit: EmitEvent = args.json
    ? (e) => io.err(JSON.stringify(e))
    : (e) => { const line = renderEvent(e); if (line) io.err(line); };
  if (args.target === 'local') return runLocal(args, stack, io, emit);

  const choice = chooseRegion(args.region, io.env, stack.region);
  const region = choice.region;
  if (!region) throw new NoRegionError();
  if (choice.warning) emit({ type: 'warning', message: choice.warning });
  const recorder = new ApiCallRecorder();
  const clients = new AwsClients({ region, ...(args.profile ? { profile: args.profile } : {}), recorder, ...deps.aws });
  try {
    const endpoint = deps.aws?.endpoint ?? io.env['AWS_ENDPOINT_URL'];
    if (endpoint && !args.json) io.err(`Using endpoint ${endpoint}`);
    const wait = args.wait ? { ...(endpoint ? ENDPOINT_WAIT : AWS_WAIT), ...(args.waitTimeoutSeconds ? { maxWaitSeconds: args.waitTimeoutSeconds } : {}) } : false;
    const options: DeployerOptions = {
      ports: awsPorts(clients),
      region,
      emit,
      skipPush: args.skipPush,
      wait,
      ...(args.skipPush ? {} : { images: new DockerImagePublisher(new EmulatorImageBuilder(), new DockerodePushEngine()) }),
    };
    const apiCalls = () => ({ total: recorder.calls.length, mutating: recorder.mutating.length });

    if (args.command === 'status') {
      const status = await stackStatus(stack, options.ports, region);
      io.out(args.json ? JSON.stringify({ command: 'status', ...status }, null, 2) : renderStatus(status));
      return 0;
    }
    const destroying = args.command === 'destroy';
    const prepared = destroying ? await prepareDestroy(stack, options) : await prepareApply(stack, options);
    const summary = summarize(prepared.steps);
    const changes = prepared.steps.length - summary.noop;
    if (args.command === 'plan' || changes === 0) {
      const result = { command: args.command, stack: stack.stack, region, steps: prepared.steps, summary, apiCalls: apiCalls() };
      io.out(args.json ? JSON.stringify(result, null, 2) : changes === 0 ? `No changes: ${stack.stack} in ${region} matches ${args.file}.` : renderPlan(prepared.steps));
      return 0;
    }
    if (!args.json) io.err(renderPlan(prepared.steps));
    await confirm(args, io, destroying ? `Destroy ${changes} resource(s) of ${stack.stack} in ${region}?` : `Apply these ${changes} change(s) to ${region}?`);
    const result = destroying ? await executeDestroy(prepared, options) : await executeApply(prepared, options);
    if (args.json) {
      io.out(JSON.stringify({ command: args.command, stack: stack.stack, region, steps: prepared.steps, summary, urls: result.urls, wait: result.wait, apiCalls: apiCalls() }, null, 2));
    } else {
      io.out(destroying ? `Destroyed ${summary.delete} resource(s) of ${stack.stack}.` : `Applied ${changes} change(s). URLs:\n${result.urls.map((u) => `  ${u}`).join('\n')}`);
    }
    return 0;
  } finally {
    clients.destroy();
  }
}

async function confirm(args: CliArgs, io: CliIo, question: string): Promise<void> {
  if (args.yes) return;
  if (!io.interactive) {
    throw new UsageError(`refusing to ${args.command} without confirmation: stdin is not a terminal`, [
      `pass --yes to ${args.command} without asking`,
      'run `pnpm run deploy plan` to see the changes first',
    ]);
  }
  const answer = (await io.ask(`${question} [y/N] `)).trim().toLowerCase();
  if (answer !== 'y' && answer !== 'yes') throw new UsageError(`${args.command} cancelled: nothing was changed`, []);
}

async function runLocal(args: CliArgs, stack: Stack, io: CliIo, emit: EmitEvent): Promise<number> {
  if (args.command !== 'apply' && args.command !== 'plan') {
    throw new UsageError(`--target local supports plan and apply only`, ['use `pnpm emulate status` and `pnpm emulate down` for the rest']);
  }
  const steps = await deployLocal(stack, args.file, emit, undefined, args.command === 'apply');
  io.out(args.json ? JSON.stringify({ command: args.command, target: 'local', steps }, null, 2)
    : steps.map((s) => `${s.action === 'deploy' ? (args.command === 'plan' ? 'will deploy' : 'deployed') : 'unchanged'} ${s.service} ${s.image}`).join('\n'));
  return 0;
}

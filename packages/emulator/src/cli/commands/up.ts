import createDebug from 'debug';
import type { ChildProcess } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Stack } from '@ecs-twin/manifest';
import { systemClock } from '../../clock/index.js';
import { probeListeners } from '../../load-balancer/listener-probe.js';
import { ControlClient } from '../../daemon/control-client.js';
import { daemonErrorFile, daemonLogFile, isProcessAlive, readDaemonInfo, type DaemonInfo } from '../../daemon/daemon-info.js';
import { spawnDaemon } from '../../daemon/spawn-daemon.js';
import { EventBus } from '../../events/index.js';
import type { StackStatusView } from '../../status/index.js';
import type { TimingProfileName } from '../../timing/index.js';
import { UsageError, type Command } from '../args.js';
import { openContext, type CliIo } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { divertBrokenOutputTo } from '../output-to-log.js';
import { isProgressWorthy, renderEvent } from '../../events/index.js';
import { TwinError } from '@ecs-twin/manifest/twin-error';
import { onStopSignal } from '../stop-signals.js';

const debug = createDebug('emulator:start');

const READY_TIMEOUT_MS: Record<TimingProfileName, number> = { local: 180_000, aws: 900_000 };

/** The emulator started but did not become ready, or died on the way. */
export class StackStartError extends TwinError {
  readonly name = 'StackStartError';
  constructor(message: string, hints: readonly string[] = []) {
    super(message, { hints });
  }
}

export async function up(command: Extract<Command, { name: 'up' }>, io: CliIo, standby?: ChildProcess): Promise<number> {
  debug('command line loaded');
  const { stack, dir, daemon, client } = await openContext(command.file);
  debug('manifest loaded, no emulator running');
  if (daemon && client) {
    const status = await client.status();
    io.err(`Stack ${stack.stack} is already running (emulator pid ${daemon.pid}, started ${daemon.startedAt}): nothing changed, nothing restarted.`);
    printListeners(status, io);
    return EXIT.ok;
  }
  if (command.detach && command.watch) throw new UsageError('up --watch runs in the foreground: drop --detach (rebuilds show their progress there)');
  const events = new EventBus(systemClock);
  events.subscribe((e) => isProgressWorthy(e) && renderEvent(e, io.err));
  if (!command.detach) {
    await prepareEngine(stack, events);
    return upForeground(stack, dir, command, events, io);
  }
  // The background emulator starts first: its start-up overlaps the engine check and
  // any image build here (it waits for the images before it starts tasks).
  io.err(`Starting stack ${stack.stack} in the background (timing ${command.timing})…`);
  const pid = await spawnDaemon({ dir, file: resolve(command.file), stack, timing: command.timing, cwd: process.cwd(), standby });
  debug('emulator process spawned');
  try {
    await prepareEngine(stack, events);
    debug('engine answers, images present');
  } catch (error) {
    if (isProcessAlive(pid)) process.kill(pid, 'SIGTERM');
    throw error;
  }
  return upDetached(stack, dir, pid, command, io);
}

/** The engine answers, and every image the stack runs is present (built from the manifest when missing). */
async function prepareEngine(stack: Stack, events: EventBus): Promise<void> {
  const [{ DockerRuntime, dockerClient }, { ensureStackImages }] = await Promise.all([
    import('../../docker/index.js'),
    import('../../stack-runtime/images.js'),
  ]);
  const runtime = new DockerRuntime(dockerClient());
  await runtime.ping();
  await ensureStackImages(stack, runtime, events.emit);
}

async function upForeground(stack: Stack, dir: string, command: Extract<Command, { name: 'up' }>, events: EventBus, io: CliIo): Promise<number> {
  await mkdir(dir, { recursive: true });
  // Listening from the start: a signal while the tasks are being created must stop them too.
  let stopNow!: (stopTasks: boolean) => void;
  const stopped = new Promise<boolean>((r) => (stopNow = r));
  const stopListening = onStopSignal(() => stopNow(true));
  const stopDiverting = divertBrokenOutputTo(daemonLogFile(dir));
  try {
    return await serveInForeground(stack, command, events, io, stopped, stopNow);
  } finally {
    stopListening();
    stopDiverting();
  }
}

async function serveInForeground(
  stack: Stack,
  command: Extract<Command, { name: 'up' }>,
  events: EventBus,
  io: CliIo,
  stopped: Promise<boolean>,
  stopNow: (stopTasks: boolean) => void,
): Promise<number> {
  io.err(`Starting stack ${stack.stack} (timing ${command.timing})…`);
  const [{ serveStack }, { waitReady }, { watchServedStack }] = await Promise.all([
    import('../../daemon/serve-stack.js'),
    import('../../daemon/readiness.js'),
    import('../../watch/index.js'),
  ]);
  const served = await serveStack({
    stack,
    file: resolve(command.file),
    timing: command.timing,
    detached: false,
    events,
    onShutdownRequest: (stopTasks) => stopNow(stopTasks),
  });
  const abort = new AbortController();
  const ready = waitReady(served.runtime, systemClock, READY_TIMEOUT_MS[command.timing], abort.signal).catch(() => false);
  const first = await Promise.race([ready, stopped.then(() => 'stop' as const)]);
  let watching: Awaited<ReturnType<typeof watchServedStack>> | undefined;
  if (first === true) {
    io.err(`Started stack ${stack.stack}. Ctrl-C stops it (tasks are stopped gracefully and removed, like \`emulate down\` but keeping state).`);
    printListeners(served.status(), io);
    if (command.watch) watching = await watchServedStack({ stack, dir: served.dir, timing: command.timing, emit: events.emit });
  } else if (first === false) {
    io.err(`Stack ${stack.stack} is not steady yet after ${READY_TIMEOUT_MS[command.timing] / 1000} s; still trying (see \`emulate status\`).`);
  }
  const stopTasks = await stopped;
  watching?.close();
  abort.abort();
  io.err(`Stopping stack ${stack.stack}…`);
  await served.close(stopTasks);
  io.err(`Stopped stack ${stack.stack}.`);
  return EXIT.ok;
}

async function upDetached(stack: Stack, dir: string, pid: number, command: Extract<Command, { name: 'up' }>, io: CliIo): Promise<number> {
  const deadline = Date.now() + READY_TIMEOUT_MS[command.timing];
  let info: DaemonInfo | undefined;
  const follow = new AbortController();
  let following = false;
  // Each event may be the one that makes the stack steady: look again at once,
  // rather than up to one poll later (also for an event that came while we looked).
  let eventSeen = false;
  const remember = () => {
    eventSeen = true;
  };
  let wake = remember;
  const nextEventOrPoll = () =>
    new Promise<void>((resolve) => {
      if (eventSeen) {
        eventSeen = false;
        return resolve();
      }
      const done = () => {
        clearTimeout(timer);
        wake = remember;
        resolve();
      };
      const timer = setTimeout(done, 200);
      wake = done;
    });
  try {
    while (Date.now() < deadline) {
      if (!isProcessAlive(pid)) throw await startFailure(dir, pid);
      info ??= await readDaemonInfo(dir).then((i) => (i && (i.supervisorPid ?? i.pid) === pid ? i : undefined));
      if (info) {
        const client = new ControlClient(info);
        if (!following) {
          following = true;
          void client
            .events(
              (e) => {
                if (isProgressWorthy(e)) renderEvent(e, io.err);
                wake();
              },
              follow.signal,
              true,
            )
            .catch(() => undefined);
        }
        const status = await client.status().catch(() => undefined);
        if (status && status.steady && (await listenersOk(status, stack))) {
          debug('listeners answer');
          io.err(`Started stack ${stack.stack} (emulator pid ${info.pid}, log ${daemonLogFile(dir)}).`);
          printListeners(status, io);
          return EXIT.ok;
        }
      }
      await nextEventOrPoll();
    }
  } finally {
    follow.abort();
  }
  throw new StackStartError(`start stack ${stack.stack}: not steady after ${READY_TIMEOUT_MS[command.timing] / 1000} s`, [
    'The emulator keeps trying in the background: `emulate status` shows what is missing.',
    `Its log: ${daemonLogFile(dir)}`,
  ]);
}

async function startFailure(dir: string, pid: number): Promise<StackStartError> {
  try {
    const { message, hints } = JSON.parse(await readFile(daemonErrorFile(dir), 'utf8')) as { message: string; hints: string[] };
    return new StackStartError(message, [...hints, `Emulator log: ${daemonLogFile(dir)}`]);
  } catch {
    return new StackStartError(`start emulator: process ${pid} exited`, [`See its log: ${daemonLogFile(dir)}`]);
  }
}

async function listenersOk(status: StackStatusView, stack: Stack): Promise<boolean> {
  const checks = await probeListeners(status.listeners, stack.loadBalancer.targetGroups);
  return checks.length > 0 && checks.every(Boolean);
}

function printListeners(status: StackStatusView, io: CliIo): void {
  for (const l of status.listeners) io.out(`${l.url}  -> ${l.targetGroupName}`);
}

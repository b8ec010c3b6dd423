// A background emulator started "on standby": the launcher (bin/emulate.mjs)
// spawns it for `up --detach` before the command line has even loaded, so the
// emulator's own start-up (~0.4 s of module loading) overlaps the CLI's. It
// creates nothing until the CLI, having read the manifest and found no emulator
// running, sends it its orders (with the parsed manifest, so it does not load the
// YAML parser and schema at all); if the CLI goes away first, it exits.
import type { ChildProcess } from 'node:child_process';
import { appendFileSync, createWriteStream } from 'node:fs';
import type { Stack } from '@ecs-twin/manifest';
import type { TimingProfileName } from '../timing/index.js';

/** The CLI's go: what to serve, and where the emulator's output goes. */
export interface StandbyOrders {
  readonly kind: 'ecs-twin-standby-orders';
  readonly file: string;
  readonly timing: TimingProfileName;
  /** The manifest as the CLI just read and checked it: the emulator need not parse it again. */
  readonly stack: Stack;
  /** Appended to, as a spawned emulator's stdout/stderr are. */
  readonly logFile: string;
}

/** Emulator side: waits for the orders; exits quietly when the CLI disconnects without sending them. */
export function awaitOrders(): Promise<StandbyOrders> {
  return new Promise((resolve) => {
    const quit = () => process.exit(0);
    // The CLI may be gone before this runs (a bad manifest exits in ~0.2 s): then the event came and went.
    if (!process.connected) return quit();
    process.once('disconnect', quit);
    process.on('message', function onMessage(message: unknown) {
      if ((message as StandbyOrders | undefined)?.kind !== 'ecs-twin-standby-orders') return;
      process.off('message', onMessage);
      process.off('disconnect', quit);
      const orders = message as StandbyOrders;
      writeOutputTo(orders.logFile);
      // Not from inside the message's own dispatch: Node 20 then throws on its internal queue.
      setImmediate(() => process.disconnect?.());
      resolve(orders);
    });
  });
}

/**
 * Sends everything written to stdout/stderr to `logFile` (a standby emulator is
 * spawned before its log's folder is known, with no stdio). A crash's stack goes
 * there too: Node prints it to file descriptor 2, which is /dev/null here.
 */
export function writeOutputTo(logFile: string): void {
  const log = createWriteStream(logFile, { flags: 'a' });
  const write = ((chunk: string | Uint8Array, ...rest: unknown[]) => log.write(chunk, ...(rest as []))) as typeof process.stdout.write;
  process.stdout.write = write;
  process.stderr.write = write;
  process.on('uncaughtExceptionMonitor', (error) => appendFileSync(logFile, `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`));
}

/** CLI side: a standby emulator that can still take orders. */
export function isAvailableStandby(child: ChildProcess | undefined): child is ChildProcess & { pid: number } {
  return child !== undefined && child.pid !== undefined && child.connected && child.exitCode === null && child.signalCode === null;
}

/** CLI side: hands the orders over and lets go of the process (it outlives the CLI). */
export async function sendOrders(child: ChildProcess, orders: Omit<StandbyOrders, 'kind'>): Promise<void> {
  await new Promise<void>((resolve, reject) =>
    child.send({ kind: 'ecs-twin-standby-orders', ...orders } satisfies StandbyOrders, (error) => (error ? reject(error) : resolve())),
  );
  child.unref();
}

// How every ecs-twin command line ends, and what it does when its reader goes away.
// Shared by the three CLIs (manifest, emulator, deployer): each is a plain Node
// process whose stdout may be a pipe into `jq`, `head`, `tee` or a slow reader.
import type { Writable } from 'node:stream';

type BrokenOutputListener = (stream: Writable, error: NodeJS.ErrnoException) => void;

const guarded = new WeakSet<Writable>();
const broken = new WeakSet<Writable>();
const listeners = new Set<BrokenOutputListener>();

const standardOutputs = (): Writable[] => [process.stdout, process.stderr];

/**
 * A reader that went first (`| head -1`, a `tee` stopped by Ctrl-C, a closed
 * terminal) makes every later write fail with EPIPE (or EIO on a hung-up terminal).
 * Node throws that error from the stream when nobody listens, and the process dies
 * in the middle of whatever it was doing. Here the stream is only marked broken, and
 * the `onBrokenOutput` listeners are told once per stream.
 */
export function tolerateBrokenOutput(streams: readonly Writable[] = standardOutputs()): void {
  for (const stream of streams) {
    if (guarded.has(stream)) continue;
    guarded.add(stream);
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (broken.has(stream)) return;
      broken.add(stream);
      for (const listener of listeners) listener(stream, error);
    });
  }
}

/** Calls `listener` when stdout or stderr breaks (see tolerateBrokenOutput); returns the way to stop listening. */
export function onBrokenOutput(listener: BrokenOutputListener): () => void {
  tolerateBrokenOutput();
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function isBrokenOutput(stream: Writable): boolean {
  return broken.has(stream);
}

/**
 * Ends the process with `code` once stdout and stderr have handed every byte to
 * the operating system. A piped stdout is written asynchronously once the pipe's
 * 64 KiB are full: `process.exit` at that point drops the rest (a 136 KB
 * `status --json` came out as 64 KiB through `| wc -c`). Waiting for a last,
 * empty write's callback waits for every write queued before it. The process then
 * exits explicitly rather than waiting for the event loop to empty, because
 * keep-alive sockets and child handles would hold it for seconds.
 */
export async function exitWhenFlushed(code: number, streams: readonly Writable[] = standardOutputs()): Promise<never> {
  process.exitCode = code;
  tolerateBrokenOutput(streams);
  await Promise.all(streams.map(flushed));
  process.exit(code);
}

function flushed(stream: Writable): Promise<void> {
  if (broken.has(stream) || stream.destroyed || stream.writableEnded) return Promise.resolve();
  return new Promise((resolve) => {
    stream.write('', () => resolve());
  });
}

// The foreground emulator's output once its reader is gone (`| tee log` stopped
// by the same Ctrl-C, `| head -1`, a closed terminal): the stack still has to be
// stopped, and what it says on the way goes to the stack's log file, where a
// detached emulator writes too.
import { appendFileSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { onBrokenOutput } from '@ecs-twin/manifest/cli-process';

/** From now on, a broken stdout or stderr writes to `logFile` instead; returns the way to stop watching. */
export function divertBrokenOutputTo(logFile: string): () => void {
  return onBrokenOutput((stream, error) => {
    // Synchronous appends: the process may exit right after the last line.
    const append = (text: string) => {
      try {
        appendFileSync(logFile, text);
      } catch {
        // Nowhere left to say it; the stop goes on.
      }
    };
    const name = stream === process.stdout ? 'stdout' : 'stderr';
    append(`[${new Date().toISOString()}] ${name} closed (${error.code ?? error.message}): its output continues here\n`);
    (stream as Writable & { write: unknown }).write = (chunk: string | Uint8Array, ...rest: unknown[]) => {
      append(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      if (callback) process.nextTick(callback);
      return true;
    };
  });
}

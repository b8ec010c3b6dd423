// What stops a stack served in the foreground (`emulate up` without --detach).
// Ctrl-C is SIGINT; `kill` and service managers send SIGTERM; a closed terminal
// sends SIGHUP to every process of its foreground job. Node's default for each is
// to die on the spot, which leaves the stack's containers running with nobody to
// stop them: all three start the same graceful stop instead.

export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
export type StopSignal = (typeof STOP_SIGNALS)[number];

/** Calls `stop` on each stop signal (the caller makes repeated calls harmless); returns the way to stop listening. */
export function onStopSignal(stop: (signal: StopSignal) => void): () => void {
  const handlers = STOP_SIGNALS.map((signal) => [signal, () => stop(signal)] as const);
  for (const [signal, handler] of handlers) process.on(signal, handler);
  return () => {
    for (const [signal, handler] of handlers) process.off(signal, handler);
  };
}

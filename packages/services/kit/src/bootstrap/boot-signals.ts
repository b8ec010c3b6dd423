// In its container a service is PID 1, and the kernel drops every signal sent to
// PID 1 that it has no handler for. Node installs none for SIGTERM, and Nest's
// (enableShutdownHooks) comes only once Nest has loaded: seconds at 0.25 vCPU. A
// stop in that window (docker stop, ECS StopTask, Ctrl-C on `pnpm emulate` right
// after start) was ignored, and the task killed only after its stopTimeout (30 s).
// Until Nest's hooks listen, a stop exits at once: nothing is served yet, so
// nothing is cut. No imports here: each service's main loads this before Nest.

const STOP_SIGNALS = ['SIGTERM', 'SIGINT'] as const;

const exitWhileBooting = () => process.exit(0);

/** Called first by a service's main: until `stopExitingWhileBooting`, SIGTERM/SIGINT exit the process. */
export function exitOnStopWhileBooting(): void {
  for (const signal of STOP_SIGNALS) process.once(signal, exitWhileBooting);
}

/** Nest's shutdown hooks listen now: a stop drains in-flight requests instead. */
export function stopExitingWhileBooting(): void {
  for (const signal of STOP_SIGNALS) process.off(signal, exitWhileBooting);
}

import type { EmulatorEvent } from './emulator-event.js';

/** Progress on stderr: one line per event, timestamped; data goes to stdout. */
export function renderEvent(event: EmulatorEvent, write: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): void {
  const time = new Date(event.at).toISOString().slice(11, 19);
  const mark = event.kind === 'error' ? 'error: ' : event.kind === 'warning' ? 'warning: ' : '';
  write(`${time} ${mark}${event.message}`);
}

/** Hides the noisiest events unless asked (health flaps of the ALB are still shown). */
export function isProgressWorthy(event: EmulatorEvent): boolean {
  return event.kind !== 'service-connect' || process.env.ECS_TWIN_VERBOSE === 'true';
}

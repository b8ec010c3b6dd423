// What the background emulator's supervisor and its control loops say to each
// other over their IPC channel (JSON messages; a connection travels with its
// message as the socket handle), and the supervisor's restart policy.
import type { Stack } from '@ecs-twin/manifest';
import type { TimingProfileName } from '../timing/index.js';

/** Supervisor -> control loops: what to serve (the same orders again after a restart). */
export interface ControlOrders {
  readonly kind: 'ecs-twin-control-orders';
  readonly file: string;
  readonly timing: TimingProfileName;
  /** The manifest as the CLI read it; absent: read `file`. */
  readonly stack?: Stack;
  /** Where output goes when the supervisor itself has no log on its stdout (a standby emulator). */
  readonly logFile?: string;
  /** These loops replace ones that died: the stack is running, re-attach to it. */
  readonly restart: boolean;
}

/** Control loops -> supervisor: listen on host:port for the listener `key` (once; later asks get the same socket). */
export interface ListenRequest {
  readonly kind: 'ecs-twin-listen';
  readonly id: number;
  readonly key: string;
  readonly host: string;
  readonly port: number;
}

/** Supervisor -> control loops: the answer to a ListenRequest. */
export interface ListenReply {
  readonly kind: 'ecs-twin-listening';
  readonly id: number;
  readonly boundPort?: number;
  readonly error?: { readonly code?: string; readonly message: string };
}

/** Supervisor -> control loops, with the socket as the handle: a client connected to `boundPort`. */
export interface ConnectionMessage {
  readonly kind: 'ecs-twin-connection';
  readonly id: number;
  readonly boundPort: number;
}

/**
 * Control loops -> supervisor: they hold connection `id` now. Until then the supervisor
 * keeps its own copy open, so a connection sent to loops that died before taking it
 * goes to the next ones instead of hanging or being cut.
 */
export interface TookConnection {
  readonly kind: 'ecs-twin-took';
  readonly id: number;
}

/**
 * Control loops -> supervisor. `ready`: targets are restored, hand connections over.
 * `stopping`: a deliberate stop (`down`, SIGTERM): do not restart, exit when the loops do.
 */
export type ControlSignal = { readonly kind: 'ecs-twin-ready' } | { readonly kind: 'ecs-twin-stopping' };

export type ToSupervisor = ListenRequest | ControlSignal | TookConnection;
export type ToControlLoops = ControlOrders | ListenReply | ConnectionMessage;

export function isMessage<T extends { kind: string }>(message: unknown, kind: T['kind']): message is T {
  return typeof message === 'object' && message !== null && (message as { kind?: unknown }).kind === kind;
}

/** Control loops that served at least this long before dying are restarted at once, and start a new count. */
export const STABLE_MS = 5000;
/** Deaths in a row of control loops that served less than STABLE_MS before the supervisor gives up (a crash loop helps nobody). */
export const MAX_QUICK_DEATHS = 5;

export type AfterExit =
  | { readonly action: 'restart'; readonly delayMs: number; readonly quickDeaths: number }
  | { readonly action: 'exit'; readonly code: number; readonly reason: string };

/**
 * What the supervisor does when its control loops exit. A deliberate stop, or an
 * exit before they ever served (a start failure the CLI reports), ends the
 * emulator. Loops that served a while and died are restarted at once, however
 * often that happens; loops that die soon after starting (or before serving)
 * are restarted with a growing delay, and given up after MAX_QUICK_DEATHS in a row.
 */
export function afterControlLoopsExit(input: {
  readonly deliberate: boolean;
  readonly code: number | null;
  /** Whether any control loops of this supervisor ever took connections. */
  readonly everReady: boolean;
  /** How long the loops that died had been taking connections (undefined: never). */
  readonly servedMs: number | undefined;
  /** Quick deaths in a row before this one. */
  readonly quickDeaths: number;
}): AfterExit {
  if (input.deliberate) return { action: 'exit', code: input.code ?? 0, reason: 'stopped on request' };
  if (!input.everReady) return { action: 'exit', code: input.code || 1, reason: 'the control loops failed to start' };
  const quick = input.servedMs === undefined || input.servedMs < STABLE_MS;
  const quickDeaths = quick ? input.quickDeaths + 1 : 0;
  if (quickDeaths > MAX_QUICK_DEATHS) {
    return { action: 'exit', code: 1, reason: `the control loops died ${quickDeaths} times in a row within ${STABLE_MS / 1000} s of starting` };
  }
  return { action: 'restart', delayMs: quickDeaths <= 1 ? 0 : Math.min(8000, 500 * 2 ** (quickDeaths - 2)), quickDeaths };
}

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

/** Restarts allowed within RESTART_WINDOW_MS before the supervisor gives up (a crash loop helps nobody). */
export const MAX_RESTARTS = 5;
export const RESTART_WINDOW_MS = 60_000;

export type AfterExit = { readonly action: 'restart'; readonly delayMs: number } | { readonly action: 'exit'; readonly code: number; readonly reason: string };

/**
 * What the supervisor does when its control loops exit. A deliberate stop, or an
 * exit before they ever served (a start failure the CLI reports), ends the
 * emulator; a crash of loops that served is restarted at once, then with a
 * growing delay, and given up after MAX_RESTARTS within RESTART_WINDOW_MS.
 */
export function afterControlLoopsExit(input: {
  readonly deliberate: boolean;
  readonly code: number | null;
  readonly signal: string | null;
  readonly everReady: boolean;
  /** When earlier restarts happened (ms). */
  readonly restarts: readonly number[];
  readonly now: number;
}): AfterExit {
  if (input.deliberate) return { action: 'exit', code: input.code ?? 0, reason: 'stopped on request' };
  if (!input.everReady) return { action: 'exit', code: input.code || 1, reason: 'the control loops failed to start' };
  const recent = input.restarts.filter((at) => input.now - at < RESTART_WINDOW_MS).length;
  if (recent >= MAX_RESTARTS) {
    return { action: 'exit', code: 1, reason: `the control loops died ${recent + 1} times within ${RESTART_WINDOW_MS / 1000} s` };
  }
  return { action: 'restart', delayMs: recent === 0 ? 0 : Math.min(8000, 500 * 2 ** (recent - 1)) };
}

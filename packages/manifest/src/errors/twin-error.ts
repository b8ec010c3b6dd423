// The one base of every error meant for a user, in both runtimes (emulator and
// deployer), the image builder and this package: "{what}: {why}" as the message,
// hints on what to do next, the exit code the command line ends with, and the
// cause. Command lines print the message and the hints, never a stack trace.

export interface TwinErrorOptions {
  /** What the user can do about it, one sentence each, printed after the message. */
  readonly hints?: readonly string[];
  readonly cause?: unknown;
  /** 1 for failures (the default), 2 for usage and manifest problems. */
  readonly exitCode?: number;
}

export abstract class TwinError extends Error {
  /** A literal per class (`'ManifestError'`), so callers can tell errors apart without instanceof. */
  abstract override readonly name: string;
  readonly hints: readonly string[];
  readonly exitCode: number;

  constructor(message: string, options: TwinErrorOptions = {}) {
    super(message, options.cause !== undefined ? { cause: options.cause } : undefined);
    this.hints = options.hints ?? [];
    this.exitCode = options.exitCode ?? 1;
  }
}

export function isTwinError(error: unknown): error is TwinError {
  return error instanceof TwinError;
}

/** The hints of a TwinError; none for any other thrown value. */
export function hintsOf(error: unknown): readonly string[] {
  return isTwinError(error) ? error.hints : [];
}

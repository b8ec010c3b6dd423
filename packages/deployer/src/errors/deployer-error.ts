// Every error meant for a user: "{what}: {why}" plus hints on what to do.
// The CLI prints message and hints, then exits with exitCode; never a stack trace.

export interface DeployerErrorOptions {
  readonly hints?: readonly string[];
  readonly cause?: unknown;
  /** 1 for failures, 2 for usage and manifest problems. */
  readonly exitCode?: number;
}

export abstract class DeployerError extends Error {
  abstract override readonly name: string;
  readonly hints: readonly string[];
  readonly exitCode: number;

  constructor(message: string, options: DeployerErrorOptions = {}) {
    super(message, options.cause !== undefined ? { cause: options.cause } : undefined);
    this.hints = options.hints ?? [];
    this.exitCode = options.exitCode ?? 1;
  }
}

export function isDeployerError(e: unknown): e is DeployerError {
  return e instanceof DeployerError;
}

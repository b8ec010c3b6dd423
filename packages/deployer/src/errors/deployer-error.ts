// Every error meant for a user: "{what}: {why}" plus hints on what to do.
// The CLI prints message and hints, then exits with exitCode; never a stack trace.
// The base (name literal, hints, exit code, cause) is shared with the emulator.
import { TwinError, type TwinErrorOptions } from '@ecs-twin/manifest/twin-error';

export type DeployerErrorOptions = TwinErrorOptions;

export abstract class DeployerError extends TwinError {}

export function isDeployerError(e: unknown): e is DeployerError {
  return e instanceof DeployerError;
}

import { TwinError } from '@ecs-twin/manifest/twin-error';

/** A command that needs the running emulator found none. */
export class NotRunningError extends TwinError {
  readonly name = 'NotRunningError';
  constructor(readonly stack: string) {
    super(`reach the emulator of stack ${stack}: it is not running`, {
      hints: ['Start it with `emulate up --detach` (or `pnpm emulate` in another terminal).'],
    });
  }
}

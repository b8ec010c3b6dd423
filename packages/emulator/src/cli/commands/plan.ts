import { join } from 'node:path';
import { readState } from '../../state/index.js';
import { planUp, renderUpPlan } from '../../stack-runtime/up-plan.js';
import type { Command } from '../args.js';
import { openContext, type CliIo } from '../context.js';
import { EXIT } from '../exit-codes.js';

/** `emulate plan`: what `up` would change in the stack's state (created services, new revisions, desired counts); changes nothing. */
export async function plan(command: Extract<Command, { name: 'plan' }>, io: CliIo): Promise<number> {
  const { stack, dir, daemon } = await openContext(command.file);
  const state = await readState(join(dir, 'state.json'), stack.stack);
  const result = planUp(stack, state, Date.now());
  if (command.json) {
    io.out(JSON.stringify({ ...result, emulatorRunning: daemon !== undefined }, null, 2));
    return EXIT.ok;
  }
  io.out(renderUpPlan(result));
  if (daemon && result.steps.some((s) => s.action !== 'noop')) {
    io.err(
      `note: an emulator runs this stack (pid ${daemon.pid}); \`up\` applies this when it starts the stack again. ` +
        '`emulate deploy <service>` ships an edited task definition now, `emulate scale` a desired count.',
    );
  }
  return EXIT.ok;
}

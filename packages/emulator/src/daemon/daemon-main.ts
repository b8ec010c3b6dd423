// Entry of the detached emulator (`emulate up --detach`), in two roles:
// - the supervisor (what `up` starts, on standby or not): holds the listening
//   sockets and runs the control loops as its child, restarting them when they
//   die (supervisor.ts). Light: it loads none of the emulator's core.
// - the control loops (`--control-loops`, started by the supervisor): serve the
//   stack until SIGTERM/SIGINT or POST /shutdown; their pid is daemon.json's `pid`.
// stdout/stderr go to <state dir>/daemon.log.
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { controlLoopsCommand } from './daemon-command.js';
import { awaitOrders } from './standby.js';
import { Supervisor } from './supervisor.js';

const { values } = parseArgs({
  options: { file: { type: 'string' }, timing: { type: 'string', default: 'local' }, standby: { type: 'boolean' }, 'control-loops': { type: 'boolean' } },
});

async function supervise(): Promise<void> {
  const supervisor = new Supervisor({
    spawnControlLoops: () =>
      spawn(process.execPath, controlLoopsCommand(), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: process.env }),
    log: (line) => console.log(line),
    onExit: (code) => process.exit(code),
  });
  // Both before the orders: a signal now still stops the child, and the child loads while the CLI reads the manifest.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => supervisor.stop());
  process.on('SIGHUP', () => undefined); // detached: no terminal to lose, but never die of one
  supervisor.start();
  const orders = values.standby ? await awaitOrders() : undefined;
  supervisor.give({
    file: orders?.file ?? values.file ?? 'stack.yaml',
    timing: (orders?.timing ?? values.timing) === 'aws' ? 'aws' : 'local',
    ...(orders ? { stack: orders.stack, logFile: orders.logFile } : {}),
  });
}

if (values['control-loops']) void import('./control-loops-main.js').then((m) => m.runControlLoops());
else void supervise();

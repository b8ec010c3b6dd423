import { loadStack, type Stack } from '@ecs-twin/manifest';
import { ControlClient } from '../daemon/control-client.js';
import { liveDaemon, type DaemonInfo } from '../daemon/daemon-info.js';
import { stateDir } from '../state/index.js';

export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

export const processIo: CliIo = {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
};

/** The manifest (ManifestError -> exit 2), its state dir, and the live emulator if any. */
export async function openContext(file: string): Promise<{ stack: Stack; dir: string; daemon?: DaemonInfo; client?: ControlClient }> {
  const stack = await loadStack(file);
  const dir = stateDir(stack.baseDir, stack.stack);
  const daemon = await liveDaemon(dir);
  return { stack, dir, daemon, client: daemon ? new ControlClient(daemon) : undefined };
}

import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { emptyState, type StackState } from './stack-state.js';
import { TwinError } from '@ecs-twin/manifest/twin-error';

/** A state file that could not be read back. */
export class StateFileError extends TwinError {
  readonly name = 'StateFileError';
  constructor(
    readonly file: string,
    why: string,
    options?: ErrorOptions,
  ) {
    super(`read emulator state ${file}: ${why}`, {
      cause: options?.cause,
      hints: [`Run \`emulate down\` to start from a clean state, or delete ${file}.`],
    });
  }
}

/** `<manifest dir>/.ecs-twin/<stack>/`: state, daemon pid/port, daemon log, archived task logs. */
export function stateDir(manifestDir: string, stack: string): string {
  return join(manifestDir, '.ecs-twin', stack);
}

/** The stack's JSON state file, written atomically (temp file + rename) and one write at a time. */
export class StateStore {
  private chain: Promise<void> = Promise.resolve();
  private current: StackState;

  private constructor(
    readonly file: string,
    initial: StackState,
  ) {
    this.current = initial;
  }

  static async open(dir: string, stack: string): Promise<StateStore> {
    const file = join(dir, 'state.json');
    return new StateStore(file, await readState(file, stack));
  }

  get state(): StackState {
    return this.current;
  }

  /** Applies `change` to the in-memory state at once and queues an atomic write (the loops need not wait for the disk). */
  update(change: (state: StackState) => StackState): Promise<void> {
    this.current = change(this.current);
    const snapshot = this.current;
    this.chain = this.chain.then(() => writeAtomic(this.file, snapshot)).catch(() => undefined);
    return this.chain;
  }

  flush(): Promise<void> {
    return this.chain;
  }
}

export async function readState(file: string, stack: string): Promise<StackState> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyState(stack);
    throw new StateFileError(file, String(error), { cause: error });
  }
  try {
    const parsed = JSON.parse(text) as StackState;
    if (parsed.version !== 1) throw new Error(`unknown version ${String(parsed.version)}`);
    return { ...emptyState(stack), ...parsed };
  } catch (cause) {
    throw new StateFileError(file, `not valid JSON state (${(cause as Error).message})`, { cause });
  }
}

async function writeAtomic(file: string, state: StackState): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(state, null, 2)}\n`);
  await rename(temp, file);
}

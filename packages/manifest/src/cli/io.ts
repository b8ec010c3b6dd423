/** Where the CLI writes: data to stdout, everything else to stderr. Injected so tests can capture it. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
}

export const processIo: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  cwd: process.cwd(),
};

/** Exit codes: 0 ok, 1 unexpected failure, 2 invalid manifest or bad usage. */
export const EXIT = { ok: 0, failure: 1, invalid: 2 } as const;

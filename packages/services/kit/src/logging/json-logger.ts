import type { LoggerService, LogLevel } from '@nestjs/common';

/** One JSON object per line; CloudWatch (awslogs) and the emulator's log view parse it as is. */
export interface LogLine {
  readonly time: string;
  readonly level: LogLevel;
  readonly service: string;
  readonly context?: string;
  readonly msg: string;
  readonly [field: string]: unknown;
}

export type LineWriter = (line: string) => void;

const stdoutWriter: LineWriter = (line) => {
  process.stdout.write(line + '\n');
};

/** Nest LoggerService that writes JSON lines to stdout (errors too: one stream per task, as awslogs). */
export class JsonLogger implements LoggerService {
  constructor(
    private readonly service: string,
    private readonly write: LineWriter = stdoutWriter,
    private readonly now: () => Date = () => new Date(),
  ) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.emit('log', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.emit('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.emit('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.emit('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.emit('verbose', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.emit('fatal', message, rest);
  }

  private emit(level: LogLevel, message: unknown, rest: unknown[]): void {
    // Nest passes the context as the last string argument, and for errors a stack before it.
    const args = [...rest];
    const context = typeof args[args.length - 1] === 'string' ? (args.pop() as string) : undefined;
    const stack = level === 'error' || level === 'fatal' ? args.find((a) => typeof a === 'string') : undefined;
    const fields = isPlainObject(message) ? message : { msg: String(message) };
    const line: LogLine = {
      time: this.now().toISOString(),
      level,
      service: this.service,
      ...(context === undefined ? {} : { context }),
      msg: '',
      ...fields,
      ...(stack === undefined ? {} : { stack }),
    };
    this.write(JSON.stringify(line));
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> & { msg?: string } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Error);
}

import type { LogLine } from './container-runtime.js';

// Docker multiplexes stdout/stderr of a non-TTY container in frames:
// [stream(1) 0 0 0 size(4, big endian)] payload. With `timestamps: true` every
// line starts with an RFC 3339 timestamp and a space.

/** Incremental frame parser: feed chunks, get complete lines out. */
export class LogDemuxer {
  private pending: Buffer = Buffer.alloc(0);
  private partial: Record<'stdout' | 'stderr', string> = { stdout: '', stderr: '' };

  push(chunk: Buffer): LogLine[] {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    const lines: LogLine[] = [];
    while (this.pending.length >= 8) {
      const size = this.pending.readUInt32BE(4);
      if (this.pending.length < 8 + size) break;
      const stream = this.pending[0] === 2 ? 'stderr' : 'stdout';
      const payload = this.pending.subarray(8, 8 + size).toString('utf8');
      this.pending = this.pending.subarray(8 + size);
      const text = this.partial[stream] + payload;
      const parts = text.split('\n');
      this.partial[stream] = parts.pop() ?? '';
      for (const part of parts) lines.push(parseLine(stream, part));
    }
    return lines;
  }

  /** Lines left without a trailing newline when the stream ended. */
  flush(): LogLine[] {
    const lines: LogLine[] = [];
    for (const stream of ['stdout', 'stderr'] as const) {
      if (this.partial[stream]) lines.push(parseLine(stream, this.partial[stream]));
      this.partial[stream] = '';
    }
    return lines;
  }
}

function parseLine(stream: 'stdout' | 'stderr', raw: string): LogLine {
  const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
  const space = line.indexOf(' ');
  const at = space > 0 ? Date.parse(line.slice(0, space)) : Number.NaN;
  if (Number.isNaN(at)) return { at: 0, stream, text: line };
  return { at, stream, text: line.slice(space + 1) };
}

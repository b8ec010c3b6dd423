/**
 * Splits a chunked byte stream into lines: the Docker stats stream sends one
 * JSON object per line, but HTTP chunks do not follow line boundaries.
 */
export class NdjsonLines {
  private pending = '';

  /** Feeds a chunk; returns the complete, non-blank lines it finished. */
  push(chunk: string | Uint8Array): string[] {
    this.pending += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    const parts = this.pending.split('\n');
    this.pending = parts.pop() ?? '';
    return parts.filter((line) => line.trim() !== '');
  }
}

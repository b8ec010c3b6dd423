// Follows a message body through the bytes that carry it, without decoding it:
// the relay forwards bytes as they are and only needs to know where the body
// ends (to reuse the connection, or to find the next pipelined request).
import { MalformedMessageError, type BodyFraming } from './message-head.js';

/** Max chunk-size line (size and extensions) or trailer line, before calling the body malformed. */
const MAX_LINE = 4096;
/** Significant hex digits of a chunk size (leading zeros do not count): 2^48 is far beyond any body. */
const MAX_SIZE_DIGITS = 12;

export interface BodyTracker {
  /** True once the whole body went by. */
  readonly done: boolean;
  /**
   * Consumes bytes from `buffer[start..]`; returns how many belong to the body
   * (any rest belongs to the next message). Throws MalformedMessageError.
   */
  consume(buffer: Buffer, start: number): number;
}

export function bodyTracker(framing: BodyFraming): BodyTracker {
  switch (framing.kind) {
    case 'none':
      return { done: true, consume: () => 0 };
    case 'length':
      return new LengthTracker(framing.length);
    case 'chunked':
      return new ChunkedTracker();
    case 'close':
      return { done: false, consume: (buffer, start) => buffer.length - start };
  }
}

class LengthTracker implements BodyTracker {
  constructor(private remaining: number) {}

  get done(): boolean {
    return this.remaining === 0;
  }

  consume(buffer: Buffer, start: number): number {
    const taken = Math.min(this.remaining, buffer.length - start);
    this.remaining -= taken;
    return taken;
  }
}

// Parser states (numbers rather than an enum: the hot loop compares small integers).
const Chunk = {
  Size: 0,
  Extension: 1,
  SizeLf: 2,
  Data: 3,
  DataCr: 4,
  DataLf: 5,
  TrailerLine: 6,
  TrailerLf: 7,
  Done: 8,
} as const;
type ChunkState = (typeof Chunk)[keyof typeof Chunk];

const CR = 13;
const LF = 10;

/** RFC 9112 §7.1 chunked framing: size [;ext] CRLF data CRLF ... 0 CRLF [trailers] CRLF. */
class ChunkedTracker implements BodyTracker {
  private state: ChunkState = Chunk.Size;
  private size = 0;
  private digits = 0;
  private remaining = 0;
  private lineLength = 0;

  get done(): boolean {
    return this.state === Chunk.Done;
  }

  consume(buffer: Buffer, start: number): number {
    let i = start;
    const end = buffer.length;
    while (i < end && this.state !== Chunk.Done) {
      if (this.state === Chunk.Data) {
        const taken = Math.min(this.remaining, end - i);
        this.remaining -= taken;
        i += taken;
        if (this.remaining === 0) this.state = Chunk.DataCr;
        continue;
      }
      this.step(buffer[i]!);
      i += 1;
    }
    return i - start;
  }

  private step(byte: number): void {
    switch (this.state) {
      case Chunk.Size: {
        const digit = hexValue(byte);
        if (++this.lineLength > MAX_LINE) throw new MalformedMessageError('chunk size line too long');
        if (digit >= 0) {
          if (this.size > 0 && ++this.digits > MAX_SIZE_DIGITS) throw new MalformedMessageError('chunk size too large');
          if (this.size === 0 && digit > 0) this.digits = 1;
          this.size = this.size * 16 + digit;
          return;
        }
        if (this.lineLength === 1) throw new MalformedMessageError('chunk size missing');
        if (byte === CR) this.state = Chunk.SizeLf;
        else if (byte === 0x3b /* ; */ || byte === 0x20 || byte === 0x09) this.state = Chunk.Extension;
        else throw new MalformedMessageError('invalid chunk size');
        return;
      }
      case Chunk.Extension:
        // A bare LF ends the line for lenient parsers but not for us: a desync (RFC 9112 §7.1 wants CRLF).
        if (byte === CR) this.state = Chunk.SizeLf;
        else if (byte === LF) throw new MalformedMessageError('bare LF in chunk extension');
        else if (++this.lineLength > MAX_LINE) throw new MalformedMessageError('chunk extension too long');
        return;
      case Chunk.SizeLf:
        if (byte !== LF) throw new MalformedMessageError('chunk size line not ended by CRLF');
        if (this.size === 0) {
          this.state = Chunk.TrailerLine;
          this.lineLength = 0;
        } else {
          this.state = Chunk.Data;
          this.remaining = this.size;
        }
        this.size = 0;
        this.digits = 0;
        this.lineLength = 0;
        return;
      case Chunk.DataCr:
        if (byte !== CR) throw new MalformedMessageError('chunk data not followed by CRLF');
        this.state = Chunk.DataLf;
        return;
      case Chunk.DataLf:
        if (byte !== LF) throw new MalformedMessageError('chunk data not followed by CRLF');
        this.state = Chunk.Size;
        return;
      case Chunk.TrailerLine:
        // A bare LF here is the smuggling of issue 10: nginx and Node's lenient parser end the
        // trailers at it and read what follows as the next message.
        if (byte === CR) {
          this.state = Chunk.TrailerLf;
        } else if (byte === LF) {
          throw new MalformedMessageError('bare LF in the trailer section');
        } else if (++this.lineLength > MAX_LINE) {
          throw new MalformedMessageError('trailer line too long');
        }
        return;
      case Chunk.TrailerLf:
        if (byte !== LF) throw new MalformedMessageError('trailer line not ended by CRLF');
        // An empty line ends the trailers (and the body); otherwise read the next trailer.
        this.state = this.lineLength === 0 ? Chunk.Done : Chunk.TrailerLine;
        this.lineLength = 0;
        return;
      default:
        return;
    }
  }
}

function hexValue(byte: number): number {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  if (byte >= 0x61 && byte <= 0x66) return byte - 0x57;
  if (byte >= 0x41 && byte <= 0x46) return byte - 0x37;
  return -1;
}

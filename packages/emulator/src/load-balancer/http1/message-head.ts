// Parsing of HTTP/1.x message heads (request line or status line, then header
// lines) from raw bytes, for the listener's lean relay. Pure: a Buffer in, a
// parsed head or a typed error out. Only what a proxy needs is extracted; header
// names and values are kept as sent (case, order, repeats).

/** Header block limit (request or status line plus headers), as ALB's 64 KiB. */
export const MAX_HEAD_BYTES = 64 * 1024;

const CRLFCRLF = Buffer.from('\r\n\r\n');

/** Where the head ends (index just past the blank line), or -1 when it is not complete yet. */
export function findHeadEnd(buffer: Buffer, from = 0): number {
  const at = buffer.indexOf(CRLFCRLF, Math.max(0, from - 3));
  return at < 0 ? -1 : at + 4;
}

export class MalformedMessageError extends Error {
  override readonly name = 'MalformedMessageError';
}

/** Header fields as a flat [name, value, name, value, ...] list. */
export type RawHeaders = string[];

// RFC 9110 token characters, for methods and header names.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// Field values: visible ASCII, obs-text, spaces and tabs; no CR, LF or NUL.
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/**
 * Splits "Name: value" lines into a flat list; rejects obsolete line folding,
 * whitespace before the colon and control characters (request smuggling vectors).
 */
export function parseHeaderLines(lines: readonly string[], first: number, last: number): RawHeaders {
  const headers: RawHeaders = [];
  for (let i = first; i < last; i++) {
    const line = lines[i]!;
    const colon = line.indexOf(':');
    if (colon <= 0) throw new MalformedMessageError(`header line without a name: ${JSON.stringify(line.slice(0, 40))}`);
    const name = line.slice(0, colon);
    if (!TOKEN.test(name)) throw new MalformedMessageError(`invalid header name ${JSON.stringify(name.slice(0, 40))}`);
    const value = line.slice(colon + 1).trim();
    if (!FIELD_VALUE.test(value)) throw new MalformedMessageError(`invalid value for header ${name}`);
    headers.push(name, value);
  }
  return headers;
}

/** The head's lines without the final blank line (latin1: bytes map one to one). */
export function headLines(buffer: Buffer, headEnd: number): string[] {
  return buffer.toString('latin1', 0, headEnd - 4).split('\r\n');
}

/** How the body of a message is delimited. */
export type BodyFraming =
  | { readonly kind: 'none' }
  | { readonly kind: 'length'; readonly length: number }
  | { readonly kind: 'chunked' }
  /** Response only: the body runs until the target closes the connection. */
  | { readonly kind: 'close' };

/** What the framing headers say, validated as a strict proxy must (no CL+TE, no conflicting CLs). */
export function framingHeaders(headers: RawHeaders): { contentLength?: number; chunked: boolean; transferEncoding: boolean } {
  let contentLength: number | undefined;
  let transferEncoding: string | undefined;
  for (let i = 0; i < headers.length; i += 2) {
    const name = headers[i]!;
    if (name.length === 14 && name.toLowerCase() === 'content-length') {
      const value = headers[i + 1]!;
      if (!/^\d{1,15}$/.test(value)) throw new MalformedMessageError(`invalid Content-Length ${JSON.stringify(value)}`);
      const length = Number(value);
      if (contentLength !== undefined && contentLength !== length) throw new MalformedMessageError('conflicting Content-Length headers');
      contentLength = length;
    } else if (name.length === 17 && name.toLowerCase() === 'transfer-encoding') {
      transferEncoding = transferEncoding === undefined ? headers[i + 1]! : `${transferEncoding}, ${headers[i + 1]!}`;
    }
  }
  if (transferEncoding === undefined) return contentLength === undefined ? { chunked: false, transferEncoding: false } : { contentLength, chunked: false, transferEncoding: false };
  if (contentLength !== undefined) throw new MalformedMessageError('both Content-Length and Transfer-Encoding');
  const codings = transferEncoding.toLowerCase().split(',').map((coding) => coding.trim());
  return { chunked: codings[codings.length - 1] === 'chunked', transferEncoding: true };
}

/** Lower-cased comma-separated tokens of every `Connection` header. */
export function connectionTokens(headers: RawHeaders): string[] {
  const tokens: string[] = [];
  for (let i = 0; i < headers.length; i += 2) {
    const name = headers[i]!;
    if (name.length === 10 && name.toLowerCase() === 'connection') {
      for (const token of headers[i + 1]!.split(',')) {
        const trimmed = token.trim().toLowerCase();
        if (trimmed) tokens.push(trimmed);
      }
    }
  }
  return tokens;
}

export function headerValue(headers: RawHeaders, lowerName: string): string | undefined {
  for (let i = 0; i < headers.length; i += 2) {
    if (headers[i]!.length === lowerName.length && headers[i]!.toLowerCase() === lowerName) return headers[i + 1];
  }
  return undefined;
}

export { TOKEN };

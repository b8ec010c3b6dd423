// Parsing of HTTP/1.x message heads (request line or status line, then header
// lines) from raw bytes, for the listener's lean relay. Pure: a Buffer in, a
// parsed head or a typed error out. Only what a proxy needs is extracted; header
// names and values are kept as sent (case, order, repeats).

/** ALB's quotas for HTTP headers (Elastic Load Balancing, "Quotas for your Application Load Balancers"). */
export const MAX_REQUEST_LINE_BYTES = 16 * 1024;
export const MAX_HEADER_LINE_BYTES = 16 * 1024;
export const MAX_REQUEST_HEAD_BYTES = 64 * 1024;
export const MAX_RESPONSE_HEAD_BYTES = 32 * 1024;

const CR = 13;
const LF = 10;

/**
 * Where the head ends (index just past the empty line), or -1 when it is not
 * complete yet. Lines may end in CRLF or in a bare LF (as nginx and ALB read
 * them: the "Acceptable" NonCrLfLineTermination of the desync corpus). The head
 * starts at `headStart`; `from` resumes a search over bytes already searched
 * (never looking back before the head, where a previous message's line ends are).
 */
export function findHeadEnd(buffer: Buffer, from = 0, headStart = 0): number {
  let at = buffer.indexOf(LF, Math.max(headStart, from - 2));
  while (at >= 0) {
    const next = buffer[at + 1];
    if (next === LF) return at + 2;
    if (next === CR && buffer[at + 2] === LF) return at + 3;
    at = buffer.indexOf(LF, at + 1);
  }
  return -1;
}

export class MalformedMessageError extends Error {
  override readonly name = 'MalformedMessageError';
  /** What the listener answers: 414 for a request line over the limit, else 400. */
  readonly status: 400 | 414;
  /** A request ALB's desync mitigation classifies Severe (counted as non-compliant), not a size limit. */
  readonly nonCompliant: boolean;

  constructor(message: string, options: { status?: 400 | 414; nonCompliant?: boolean } = {}) {
    super(message);
    this.status = options.status ?? 400;
    this.nonCompliant = options.nonCompliant ?? true;
  }
}

/** A head over one of ALB's size quotas (not a desync classification). */
export function tooLarge(message: string, status: 400 | 414 = 400): MalformedMessageError {
  return new MalformedMessageError(message, { status, nonCompliant: false });
}

/** Header fields as a flat [name, value, name, value, ...] list. */
export type RawHeaders = string[];

// RFC 9110 token characters, for methods and header names.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// Field values: visible ASCII, obs-text, spaces and tabs; no CR, LF, NUL or other controls.
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/** RFC 9110 OWS is spaces and tabs only: String.trim() would also strip VT, FF and NBSP, and so hide them. */
export function trimOws(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && (value.charCodeAt(start) === 0x20 || value.charCodeAt(start) === 0x09)) start += 1;
  while (end > start && (value.charCodeAt(end - 1) === 0x20 || value.charCodeAt(end - 1) === 0x09)) end -= 1;
  return value.slice(start, end);
}

/**
 * Splits "Name: value" lines into a flat list, strictly (a target's response
 * head): whitespace before the colon, line folding or control characters are a
 * malformed message.
 */
export function parseHeaderLines(lines: readonly string[], first: number, last: number): RawHeaders {
  const headers: RawHeaders = [];
  for (let i = first; i < last; i++) {
    const line = lines[i]!;
    const colon = line.indexOf(':');
    if (colon <= 0) throw new MalformedMessageError(`header line without a name: ${JSON.stringify(line.slice(0, 40))}`);
    const name = line.slice(0, colon);
    if (!TOKEN.test(name)) throw new MalformedMessageError(`invalid header name ${JSON.stringify(name.slice(0, 40))}`);
    const value = trimOws(line.slice(colon + 1));
    if (!FIELD_VALUE.test(value)) throw new MalformedMessageError(`invalid value for header ${name}`);
    headers.push(name, value);
  }
  return headers;
}

/** A head's lines without the final empty line, and whether any ended in a bare LF (latin1: bytes map one to one). */
export function splitHead(buffer: Buffer, headEnd: number): { lines: string[]; bareLf: boolean } {
  const text = buffer.toString('latin1', 0, headEnd);
  const lines = text.split('\n');
  lines.length -= 2; // the empty line, and what follows its LF
  let bareLf = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.endsWith('\r')) lines[i] = line.slice(0, -1);
    else bareLf = true;
  }
  if (text.endsWith('\n\n')) bareLf = true;
  return { lines, bareLf };
}

/** The head's lines without the final empty line. */
export function headLines(buffer: Buffer, headEnd: number): string[] {
  return splitHead(buffer, headEnd).lines;
}

/** How the body of a message is delimited. */
export type BodyFraming =
  | { readonly kind: 'none' }
  | { readonly kind: 'length'; readonly length: number }
  | { readonly kind: 'chunked' }
  /** Response only: the body runs until the target closes the connection. */
  | { readonly kind: 'close' };

/** The transfer codings of every Transfer-Encoding value, in order, lower-cased and without parameters. */
export function transferCodings(values: readonly string[]): string[] {
  const codings: string[] = [];
  for (const value of values) {
    for (const element of value.split(',')) {
      const semicolon = element.indexOf(';');
      const coding = trimOws(semicolon < 0 ? element : element.slice(0, semicolon)).toLowerCase();
      if (coding === '') throw new MalformedMessageError('empty element in Transfer-Encoding');
      if (!TOKEN.test(coding)) throw new MalformedMessageError(`invalid transfer coding ${JSON.stringify(coding.slice(0, 20))}`);
      codings.push(coding);
    }
  }
  if (codings.filter((coding) => coding === 'chunked').length > 1) throw new MalformedMessageError('chunked applied more than once');
  return codings;
}

/** A Content-Length value: digits only (no sign, no list, no padding but OWS), at most 15 of them. */
export function contentLengthValue(value: string): number {
  if (!/^\d{1,15}$/.test(value)) throw new MalformedMessageError(`invalid Content-Length ${JSON.stringify(value.slice(0, 20))}`);
  return Number(value);
}

/** What the framing headers of a response say (a target's head is held to the RFC: no CL with TE, no conflicting CLs). */
export function framingHeaders(headers: RawHeaders): { contentLength?: number; chunked: boolean; transferEncoding: boolean } {
  let contentLength: number | undefined;
  const transferEncodings: string[] = [];
  for (let i = 0; i < headers.length; i += 2) {
    const name = headers[i]!;
    if (name.length === 14 && name.toLowerCase() === 'content-length') {
      const length = contentLengthValue(headers[i + 1]!);
      if (contentLength !== undefined && contentLength !== length) throw new MalformedMessageError('conflicting Content-Length headers');
      contentLength = length;
    } else if (name.length === 17 && name.toLowerCase() === 'transfer-encoding') {
      transferEncodings.push(headers[i + 1]!);
    }
  }
  if (transferEncodings.length === 0) return contentLength === undefined ? { chunked: false, transferEncoding: false } : { contentLength, chunked: false, transferEncoding: false };
  if (contentLength !== undefined) throw new MalformedMessageError('both Content-Length and Transfer-Encoding');
  const codings = transferCodings(transferEncodings);
  return { chunked: codings[codings.length - 1] === 'chunked', transferEncoding: true };
}

/** Lower-cased comma-separated tokens of every `Connection` header. */
export function connectionTokens(headers: RawHeaders): string[] {
  const tokens: string[] = [];
  for (let i = 0; i < headers.length; i += 2) {
    const name = headers[i]!;
    if (name.length === 10 && name.toLowerCase() === 'connection') {
      for (const token of headers[i + 1]!.split(',')) {
        const trimmed = trimOws(token).toLowerCase();
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

export { TOKEN, FIELD_VALUE };

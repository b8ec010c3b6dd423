// A client's request head, read as ALB's desync mitigation mode reads it (the
// tiers of aws/http-desync-guardian, see docs/fidelity-deviations.md):
// - Severe (a request whose boundaries cannot be trusted): MalformedMessageError, the listener answers 400 and closes;
// - Ambiguous: forwarded, then the client and target connections are closed (defensive mode);
// - Acceptable and Compliant: forwarded.
// What is forwarded is normalized so that any strict parser reads the same one
// request the listener framed: one Content-Length or one Transfer-Encoding,
// header fields that are not valid left out, the target percent-encoded where
// it holds bytes a request line cannot carry, CRLF line ends.
import {
  connectionTokens,
  contentLengthValue,
  FIELD_VALUE,
  headerValue,
  MalformedMessageError,
  MAX_HEADER_LINE_BYTES,
  MAX_REQUEST_HEAD_BYTES,
  MAX_REQUEST_LINE_BYTES,
  splitHead,
  tooLarge,
  TOKEN,
  transferCodings,
  trimOws,
  type BodyFraming,
  type RawHeaders,
} from './message-head.js';

/** The tiers a forwarded request can have (Severe ones are not forwarded). */
export type ForwardedTier = 'Compliant' | 'Acceptable' | 'Ambiguous';

export interface RequestHead {
  readonly method: string;
  /** The request target as forwarded (`/users?x=1`). */
  readonly target: string;
  /** "HTTP/1.1" or "HTTP/1.0", as forwarded. */
  readonly version: string;
  /** Header fields as forwarded. */
  readonly headers: RawHeaders;
  readonly framing: BodyFraming;
  /** The client wants the connection kept open after this exchange. */
  readonly keepAlive: boolean;
  /** An `Upgrade` (e.g. WebSocket) is asked for. */
  readonly upgrade: boolean;
  readonly tier: ForwardedTier;
  /** The guardian's classification reason of the worst finding ("Compliant" when none). */
  readonly reason: string;
}

// Codings RFC 9110/9112 register for Transfer-Encoding (x-* are their old aliases).
const KNOWN_CODINGS = new Set(['chunked', 'gzip', 'deflate', 'compress', 'identity', 'x-gzip', 'x-compress']);
const RANK: Record<ForwardedTier, number> = { Compliant: 0, Acceptable: 1, Ambiguous: 2 };

/** The worst finding so far. */
class Verdict {
  tier: ForwardedTier = 'Compliant';
  reason = 'Compliant';

  note(tier: ForwardedTier, reason: string): void {
    if (RANK[tier] > RANK[this.tier]) {
      this.tier = tier;
      this.reason = reason;
    }
  }
}

function severe(message: string): MalformedMessageError {
  return new MalformedMessageError(message);
}

export function parseRequestHead(buffer: Buffer, headEnd: number): RequestHead {
  if (headEnd > MAX_REQUEST_HEAD_BYTES) throw tooLarge('request head over 64 KiB');
  const { lines, bareLf } = splitHead(buffer, headEnd);
  const verdict = new Verdict();
  if (bareLf) verdict.note('Acceptable', 'NonCrLfLineTermination');
  const { method, target, version, legacy } = parseRequestLine(lines[0]!, verdict);

  const headers: RawHeaders = [];
  const contentLengths: string[] = [];
  const transferEncodings: string[] = [];
  /** Values of look-alike framing headers (`Content_Length`, `Transfer-Encoding :`), which are not forwarded. */
  const lookAlikes: { contentLength: string[]; transferEncoding: string[] } = { contentLength: [], transferEncoding: [] };
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.length > MAX_HEADER_LINE_BYTES) throw tooLarge('header line over 16 KiB');
    if (line.includes('\r') || line.includes('\0')) throw severe('CR or NUL in a header line');
    const colon = line.indexOf(':');
    // Also an obs-fold continuation without a colon: RFC 9112 §5.2 lets a server reject it.
    if (colon < 0) throw severe(`header line without a colon: ${JSON.stringify(line.slice(0, 40))}`);
    const name = line.slice(0, colon);
    const value = trimOws(line.slice(colon + 1));
    const lower = name.toLowerCase();
    if (lower === 'content-length') {
      contentLengths.push(value);
      continue;
    }
    if (lower === 'transfer-encoding') {
      transferEncodings.push(value);
      continue;
    }
    const framingLike = framingLookAlike(name);
    if (framingLike) {
      // Not forwarded: a target that normalizes names could frame the body by it.
      verdict.note('Ambiguous', 'SuspiciousHeader');
      lookAlikes[framingLike].push(value);
      continue;
    }
    if (trimOws(name) === '') {
      verdict.note('Ambiguous', 'EmptyHeader');
      continue;
    }
    if (!TOKEN.test(name) || !FIELD_VALUE.test(value)) {
      // Whitespace before the colon, a leading space (the start of an obs-fold), control characters:
      // the field is not valid, so it is left out (as nginx's ignore_invalid_headers and ALB's
      // drop_invalid_header_fields do) and the rest goes on.
      verdict.note('Acceptable', 'NonCompliantHeader');
      continue;
    }
    headers.push(name, value);
  }

  const framing = requestFraming(method, version, contentLengths, transferEncodings, lookAlikes, verdict);
  // HTTP/0.9 has no body at all: framing headers on one are Ambiguous (the guardian's UndefinedXSemantics).
  if (legacy && (contentLengths.length > 0 || transferEncodings.length > 0)) verdict.note('Ambiguous', 'UndefinedContentLengthSemantics');
  if (framing.kind === 'chunked') headers.push('Transfer-Encoding', framing.codings);
  else if (framing.contentLength !== undefined) headers.push('Content-Length', framing.contentLength);

  const tokens = connectionTokens(headers);
  const keepAlive = version === 'HTTP/1.1' ? !tokens.includes('close') : tokens.includes('keep-alive');
  const upgrade = tokens.includes('upgrade') && headerValue(headers, 'upgrade') !== undefined;
  return {
    method,
    target,
    version,
    headers,
    framing: framing.body,
    keepAlive,
    upgrade,
    tier: verdict.tier,
    reason: verdict.reason,
  };
}

function parseRequestLine(line: string, verdict: Verdict): { method: string; target: string; version: string; legacy: boolean } {
  if (line.length > MAX_REQUEST_LINE_BYTES) throw tooLarge('request line over 16 KiB', 414);
  if (line.includes('\r') || line.includes('\0')) throw severe('CR or NUL in the request line');
  const trimmed = line.replace(/[ \t]+$/, '');
  if (trimmed !== line) verdict.note('Acceptable', 'NonCompliantVersion');
  const firstSpace = trimmed.indexOf(' ');
  if (firstSpace <= 0) throw severe(`invalid request line ${JSON.stringify(trimmed.slice(0, 60))}`);
  const method = trimmed.slice(0, firstSpace);
  if (!TOKEN.test(method)) throw severe(`invalid method ${JSON.stringify(method.slice(0, 20))}`);
  const rest = trimmed.slice(firstSpace + 1);
  const lastSpace = rest.lastIndexOf(' ');
  let uri: string;
  let version: string;
  if (lastSpace < 0) {
    // No version: HTTP/0.9, Acceptable to the guardian; forwarded as HTTP/1.0.
    if (/[\x00-\x20\x7f]/.test(rest)) throw severe('request line without a version, and controls in its target');
    uri = rest;
    version = 'HTTP/1.0';
    verdict.note('Acceptable', 'NonCompliantVersion');
  } else {
    uri = rest.slice(0, lastSpace);
    version = forwardedVersion(rest.slice(lastSpace + 1), verdict);
  }
  const legacy = lastSpace < 0 || rest.slice(lastSpace + 1) === 'HTTP/0.9';
  return { method, target: forwardedTarget(uri, verdict), version, legacy };
}

/** HTTP/1.0 and 1.1 as they are; HTTP/0.9 as 1.0 and a higher 1.x as 1.1 (RFC 9110 §2.5); anything else is Severe. */
function forwardedVersion(version: string, verdict: Verdict): string {
  if (version === 'HTTP/1.1' || version === 'HTTP/1.0') return version;
  const match = /^HTTP\/(\d)\.(\d)$/.exec(version);
  if (match?.[1] === '1') {
    verdict.note('Acceptable', 'NonCompliantVersion');
    return 'HTTP/1.1';
  }
  if (match?.[1] === '0' && match[2] === '9') {
    verdict.note('Acceptable', 'NonCompliantVersion');
    return 'HTTP/1.0';
  }
  throw severe(`unsupported version ${JSON.stringify(version.slice(0, 20))}`);
}

/**
 * The target with what a request line cannot carry percent-encoded: spaces
 * (Acceptable), other controls (Ambiguous), bytes over 0x7e (UTF-8 paths,
 * Compliant to the guardian). A second "HTTP/x.y" inside it is Severe.
 */
function forwardedTarget(uri: string, verdict: Verdict): string {
  const trimmed = uri.replace(/^ +| +$/g, '');
  if (trimmed === '') return '/';
  if (/ HTTP\/\d/.test(trimmed)) throw severe('a version inside the request target');
  let out = '';
  for (let i = 0; i < trimmed.length; i++) {
    const code = trimmed.charCodeAt(i);
    if (code > 0x20 && code < 0x7f) {
      out += trimmed[i];
      continue;
    }
    if (code === 0x20) verdict.note('Acceptable', 'SpaceInUri');
    else if (code < 0x20 || code === 0x7f) verdict.note('Ambiguous', 'AmbiguousUri');
    out += `%${code.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/**
 * `Content_Length`, `Transfer-Encoding :`, `\x01Content-Length`, `Tranſfer-Encoding`: a name that is not
 * the framing header but reads as one once case, separators, controls and Unicode folding are undone.
 */
function framingLookAlike(name: string): 'contentLength' | 'transferEncoding' | undefined {
  // Per header of every request: most names are too short, and only non-ASCII ones need decoding.
  if (name.length < 13) return undefined;
  const text = /[\x80-\xff]/.test(name) ? Buffer.from(name, 'latin1').toString('utf8') : name;
  const letters = text.toUpperCase().replace(/[^A-Z]/g, '');
  if (letters === 'CONTENTLENGTH') return 'contentLength';
  if (letters === 'TRANSFERENCODING') return 'transferEncoding';
  return undefined;
}

type RequestFraming =
  | { kind: 'none'; body: BodyFraming; contentLength?: string }
  | { kind: 'length'; body: BodyFraming; contentLength: string }
  | { kind: 'chunked'; body: BodyFraming; codings: string };

function requestFraming(
  method: string,
  version: string,
  contentLengths: readonly string[],
  transferEncodings: readonly string[],
  lookAlikes: { contentLength: string[]; transferEncoding: string[] },
  verdict: Verdict,
): RequestFraming {
  let length: number | undefined;
  for (const value of contentLengths) {
    const parsed = contentLengthValue(value);
    if (length !== undefined && parsed !== length) throw severe('conflicting Content-Length headers');
    if (length !== undefined) verdict.note('Ambiguous', 'DuplicateContentLength');
    length = parsed;
  }
  // A look-alike that disagrees with the real header is what a smuggling attempt looks like.
  if (length !== undefined && lookAlikes.contentLength.some((value) => !/^\d{1,15}$/.test(value) || Number(value) !== length)) {
    throw severe('a Content-Length look-alike disagrees with Content-Length');
  }
  const bodyless = method === 'GET' || method === 'HEAD';
  if (transferEncodings.length > 0) {
    const codings = transferCodings(transferEncodings);
    for (const coding of codings) if (!KNOWN_CODINGS.has(coding)) throw severe(`unknown transfer coding ${JSON.stringify(coding.slice(0, 20))}`);
    // RFC 9112 §6.3: a request whose final coding is not chunked has no length a recipient can trust.
    if (codings[codings.length - 1] !== 'chunked') throw severe('Transfer-Encoding without a final chunked coding');
    if (lookAlikes.transferEncoding.length > 0) throw severe('chunked given twice, once under a look-alike name');
    if (length !== undefined) verdict.note('Ambiguous', 'BothTeClPresent'); // the Content-Length is dropped (RFC 9112 §6.3)
    if (version === 'HTTP/1.0') verdict.note('Ambiguous', 'UndefinedTransferEncodingSemantics');
    if (bodyless) verdict.note('Ambiguous', 'UndefinedTransferEncodingSemantics');
    return { kind: 'chunked', body: { kind: 'chunked' }, codings: codings.join(', ') };
  }
  if (length === undefined) return { kind: 'none', body: { kind: 'none' } };
  const contentLength = String(length);
  if (bodyless) {
    if (length > 0) verdict.note('Ambiguous', 'UndefinedContentLengthSemantics');
    else verdict.note('Acceptable', 'GetHeadZeroContentLength');
  }
  return length > 0 ? { kind: 'length', body: { kind: 'length', length }, contentLength } : { kind: 'none', body: { kind: 'none' }, contentLength };
}

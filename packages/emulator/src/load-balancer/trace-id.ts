// X-Amzn-Trace-Id as ALB writes it: `Root=1-<8 hex epoch seconds>-<24 hex>`.
// When the request already carries a Root, ALB keeps it and prepends its own
// segment as `Self=1-...;` (docs: load-balancer-request-tracing).
import { randomFillSync } from 'node:crypto';

// Random bytes are drawn in blocks: one crypto call per 341 requests rather than one each.
const BLOCK = 4096;
const ID_BYTES = 12;
const pool = Buffer.allocUnsafe(BLOCK);
let offset = BLOCK;

function randomHex(): string {
  if (offset + ID_BYTES > BLOCK) {
    randomFillSync(pool);
    offset = 0;
  }
  const hex = pool.toString('hex', offset, offset + ID_BYTES);
  offset += ID_BYTES;
  return hex;
}

/** One trace id segment, `1-<8 hex epoch seconds>-<24 hex>`. */
export function newTraceSegment(nowMs: number): string {
  const seconds = Math.floor(nowMs / 1000).toString(16).padStart(8, '0');
  return `1-${seconds}-${randomHex()}`;
}

const TRACE_ID_FORMAT = /^1-[0-9a-f]{8}-[0-9a-f]{24}$/;

/** Whether a string is a well-formed trace id segment. */
export function isTraceSegment(value: string): boolean {
  return TRACE_ID_FORMAT.test(value);
}

/**
 * The header value to forward, given the incoming one (if any). An incoming
 * Root is kept and ALB's own segment goes first as `Self=`; an incoming Self
 * (from an ALB in front of this one) is replaced, as ALB updates its Self field.
 */
export function traceHeader(incoming: string | undefined, nowMs: number): string {
  const segment = newTraceSegment(nowMs);
  if (incoming === undefined || !/(?:^|;)\s*Root=/.test(incoming)) return `Root=${segment}`;
  const rest = incoming
    .split(';')
    .filter((field) => !/^\s*Self=/.test(field))
    .join(';');
  return `Self=${segment};${rest}`;
}

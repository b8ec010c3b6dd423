import { InvalidMatcherError } from './errors.js';

/** Tells whether a health-check response code counts as a pass. */
export type StatusMatcher = (statusCode: number) => boolean;

// ALB accepts codes 200-499 for HTTP health checks: single values, a range
// "200-299", or a list "200,302" (the list may mix both forms).
const MIN_CODE = 200;
const MAX_CODE = 499;

/** Parses an ALB matcher ("200", "200-299", "200,302"). Throws InvalidMatcherError. */
export function parseMatcher(matcher: string): StatusMatcher {
  const parts = matcher.split(',').map((part) => part.trim());
  if (parts.some((part) => part === '')) throw new InvalidMatcherError(matcher, 'empty code in the list');
  const ranges = parts.map((part) => parseRange(matcher, part));
  if (ranges.length === 1) {
    const [low, high] = ranges[0]!;
    return (code) => code >= low && code <= high;
  }
  return (code) => ranges.some(([low, high]) => code >= low && code <= high);
}

function parseRange(matcher: string, part: string): [number, number] {
  const match = /^(\d{3})(?:-(\d{3}))?$/.exec(part);
  if (!match) throw new InvalidMatcherError(matcher, `"${part}" is not a code (200) or a range (200-299)`);
  const low = Number(match[1]);
  const high = match[2] === undefined ? low : Number(match[2]);
  if (low < MIN_CODE || high > MAX_CODE) {
    throw new InvalidMatcherError(matcher, `codes must be within ${MIN_CODE}-${MAX_CODE}`);
  }
  if (high < low) throw new InvalidMatcherError(matcher, `range "${part}" ends before it starts`);
  return [low, high];
}

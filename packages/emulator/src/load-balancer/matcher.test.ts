import { InvalidMatcherError } from './errors.js';
import { parseMatcher } from './matcher.js';

describe('parseMatcher', () => {
  it('matches a single code only', () => {
    const matches = parseMatcher('200');
    expect([matches(200), matches(201), matches(199)]).toEqual([true, false, false]);
  });

  it('matches a range inclusively', () => {
    const matches = parseMatcher('200-299');
    expect([matches(200), matches(250), matches(299), matches(300), matches(199)]).toEqual([true, true, true, false, false]);
  });

  it('matches a list, mixing codes and ranges', () => {
    const matches = parseMatcher('200,302, 400-404');
    expect([matches(200), matches(302), matches(301), matches(403), matches(405)]).toEqual([true, true, false, true, false]);
  });

  it.each(['', 'ok', '200-', '20', '200,,302', '100', '200-500', '299-200'])('rejects %j', (matcher) => {
    expect(() => parseMatcher(matcher)).toThrow(InvalidMatcherError);
  });

  it('names the matcher and the reason', () => {
    expect(() => parseMatcher('200-600')).toThrow('health check matcher "200-600": codes must be within 200-499');
  });
});

import { logStreamName, parseSince, SinceFormatError } from './stream-name.js';

describe('logs naming and --since', () => {
  it('names streams as awslogs does', () => {
    expect(logStreamName('ecs', 'container-users', 'abc')).toBe('ecs/container-users/abc');
  });

  it('parses durations and dates', () => {
    expect(parseSince('5m', 1_000_000)).toBe(700_000);
    expect(parseSince('30s', 100_000)).toBe(70_000);
    expect(parseSince('2h', 10_000_000)).toBe(2_800_000);
    expect(parseSince('2026-01-01T00:00:00Z', 0)).toBe(Date.parse('2026-01-01T00:00:00Z'));
    expect(() => parseSince('soon', 0)).toThrow(SinceFormatError);
  });
});

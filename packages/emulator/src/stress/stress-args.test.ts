import { parseDuration, parseRate, parseStressArgs, StressUsageError } from './stress-args.js';

describe('parseStressArgs', () => {
  it("defaults to the tutorial's attack: 50/s for 120 s on /stress-test through 8000", () => {
    expect(parseStressArgs([])).toEqual({
      url: 'http://127.0.0.1:8000',
      path: '/stress-test',
      rate: 50,
      durationSeconds: 120,
      timeoutSeconds: 30,
      tool: 'auto',
      file: 'stack.yaml',
      json: false,
      help: false,
    });
  });

  it('takes vegeta-style values', () => {
    const args = parseStressArgs(['--rate', '20/s', '--duration', '1m30s', '--tool', 'node', '--service', 'x', '--json']);
    expect(args).toMatchObject({ rate: 20, durationSeconds: 90, tool: 'node', service: 'x', json: true });
  });

  it('rejects bad values with "{what}: {why}"', () => {
    expect(() => parseStressArgs(['--tool', 'wrk'])).toThrow('parse --tool: expected auto, vegeta or node, got "wrk"');
    expect(() => parseStressArgs(['--tool', 'autocannon'])).toThrow(/autocannon is no longer the fallback .* use --tool node/);
    expect(() => parseStressArgs(['--bogus'])).toThrow(StressUsageError);
    expect(() => parseRate('fast')).toThrow('parse --rate');
    expect(() => parseDuration('10 minutes', '--duration')).toThrow('parse --duration');
    expect(() => parseDuration('0s', '--duration')).toThrow('above zero');
  });

  it('parses Go-style durations', () => {
    expect(parseDuration('120', '--d')).toBe(120);
    expect(parseDuration('2m', '--d')).toBe(120);
    expect(parseDuration('1h', '--d')).toBe(3600);
    expect(parseDuration('500ms', '--d')).toBe(0.5);
  });
});

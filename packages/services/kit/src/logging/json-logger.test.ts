import { JsonLogger } from './json-logger.js';

describe('JsonLogger', () => {
  const fixed = () => new Date('2026-01-02T03:04:05.000Z');

  it('writes one JSON object per line with level, service and Nest context', () => {
    const lines: string[] = [];
    const logger = new JsonLogger('users', (l) => lines.push(l), fixed);
    logger.log('hello', 'Ctx');
    logger.warn({ msg: 'request', status: 404 });
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      { time: '2026-01-02T03:04:05.000Z', level: 'log', service: 'users', context: 'Ctx', msg: 'hello' },
      { time: '2026-01-02T03:04:05.000Z', level: 'warn', service: 'users', msg: 'request', status: 404 },
    ]);
    expect(lines.every((l) => !l.includes('\n'))).toBe(true);
  });

  it('keeps the stack of an error on the same line', () => {
    const lines: string[] = [];
    new JsonLogger('users', (l) => lines.push(l), fixed).error('boom', 'Error: boom\n    at x', 'Ctx');
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ level: 'error', msg: 'boom', context: 'Ctx', stack: 'Error: boom\n    at x' });
  });
});

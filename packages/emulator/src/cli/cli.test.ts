import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCommand, UsageError } from './args.js';
import { run } from './main.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) }, out, err };
}

describe('parseCommand', () => {
  it('reads each command with its options and the shared --file', () => {
    expect(parseCommand(['up', '--detach', '--timing', 'aws', '--file', 'x.yaml'])).toEqual({ name: 'up', file: 'x.yaml', detach: true, timing: 'aws' });
    expect(parseCommand(['status', '--json'])).toEqual({ name: 'status', file: 'stack.yaml', json: true });
    expect(parseCommand(['status', '--json', '--history'])).toEqual({ name: 'status', file: 'stack.yaml', json: true, history: true });
    expect(parseCommand(['logs', 'users', '--follow', '--since', '5m'])).toEqual({ name: 'logs', file: 'stack.yaml', service: 'users', follow: true, since: '5m' });
    expect(parseCommand(['down', '-f', 'y.yaml'])).toEqual({ name: 'down', file: 'y.yaml' });
    expect(parseCommand(['scale', 'users', '3'])).toEqual({ name: 'scale', file: 'stack.yaml', service: 'users', desiredCount: 3 });
    expect(parseCommand(['stress', '--rate', '10'])).toEqual({ name: 'stress', argv: ['--rate', '10'] });
    expect(parseCommand(['export', 'compose', '-o', 'x.yml'])).toEqual({ name: 'export-compose', file: 'stack.yaml', output: 'x.yml' });
  });

  it('no command (or only options) is `up` in the foreground, as `pnpm emulate` promises', () => {
    expect(parseCommand([])).toEqual({ name: 'up', file: 'stack.yaml', detach: false, timing: 'local' });
    expect(parseCommand(['--file', 'z.yaml'])).toMatchObject({ name: 'up', file: 'z.yaml' });
    expect(parseCommand(['--help'])).toEqual({ name: 'help' });
  });

  it.each([
    [['bogus']],
    [['up', '--timing', 'fast']],
    [['up', '--nope']],
    [['logs']],
    [['scale', 'users', '-1']],
    [['status', 'extra']],
    [['status', '--history']],
    [['export', 'k8s']],
  ])('rejects %j as a usage error', (argv) => {
    expect(() => parseCommand(argv)).toThrow(UsageError);
  });
});

describe('run: exit codes', () => {
  it('exits 2 on a usage error, naming the problem', async () => {
    const c = capture();
    expect(await run(['up', '--timing', 'fast'], c.io)).toBe(2);
    expect(c.err.join('\n')).toContain('--timing fast: expected local or aws');
  });

  it('exits 2 on an invalid manifest and prints every issue with its position, for every command', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ecs-twin-cli-'));
    const file = join(dir, 'bad.yaml');
    await writeFile(file, 'stack: bad\ncluster: {}\nservices: 12\n');
    for (const argv of [['up', '--detach'], ['status'], ['down'], ['logs', 'x']]) {
      const c = capture();
      expect(await run([...argv, '--file', file], c.io)).toBe(2);
      const text = c.err.join('\n');
      expect(text).toMatch(/^error: invalid manifest .*bad\.yaml: \d+ errors?/);
      expect(text).toMatch(/bad\.yaml:\d+:\d+ /);
      expect(c.out).toEqual([]);
    }
  });

  it('exits 2 when the manifest file does not exist', async () => {
    const c = capture();
    expect(await run(['status', '--file', '/nonexistent/stack.yaml'], c.io)).toBe(2);
    expect(c.err.join('\n')).toContain('file not found');
  });

  it('export compose writes the same file as the checked-in compose/docker-compose.yml', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ecs-twin-cli-'));
    const repo = new URL('../../../../', import.meta.url).pathname;
    const c = capture();
    const output = join(repo, 'compose', 'docker-compose.yml');
    const checkedIn = await readFile(output, 'utf8');
    const out = join(dir, 'x', 'docker-compose.yml');
    expect(await run(['export', 'compose', '--file', join(repo, 'stack.yaml'), '--output', out], c.io)).toBe(0);
    expect(c.out).toEqual([out]);
    // Same services, ports and limits; only the relative build paths differ with the output dir.
    const strip = (t: string) => t.replace(/context: .*\n/g, '');
    expect(strip(await readFile(out, 'utf8'))).toBe(strip(checkedIn));
  });

  it('prints the usage and exits 0 for help', async () => {
    const c = capture();
    expect(await run(['help'], c.io)).toBe(0);
    expect(c.out.join('')).toContain('Usage: emulate');
  });
});

import { chmod, mkdtemp, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashDirectory } from './context-hash.js';

describe('hashDirectory', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ecs-twin-hash-'));
    await writeFile(join(dir, 'a.js'), 'console.log(1)\n');
    await symlink('a.js', join(dir, 'link'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('ignores timestamps but sees content, modes, links and extra inputs', async () => {
    const base = await hashDirectory(dir);
    await utimes(join(dir, 'a.js'), new Date(0), new Date(0));
    expect(await hashDirectory(dir)).toBe(base);
    expect(await hashDirectory(dir, { extra: ['sha256:base2'] })).not.toBe(base);
    await chmod(join(dir, 'a.js'), 0o755);
    const executable = await hashDirectory(dir);
    expect(executable).not.toBe(base);
    await writeFile(join(dir, 'a.js'), 'console.log(2)\n');
    expect(await hashDirectory(dir)).not.toBe(executable);
  });

  it('skips ignored paths', async () => {
    const base = await hashDirectory(dir, { ignore: (p) => p === 'dist' });
    await writeFile(join(dir, 'dist'), 'x');
    expect(await hashDirectory(dir, { ignore: (p) => p === 'dist' })).toBe(base);
  });
});

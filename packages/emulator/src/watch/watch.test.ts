import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeClock } from '../clock/index.js';
import { Debouncer } from './debouncer.js';
import { baseTag, devTag } from './dev-tag.js';
import { isIgnoredSource, SourceWatcher } from './source-watcher.js';

describe('Debouncer (fake time)', () => {
  it('fires once, quietMs after the last of a burst of changes', async () => {
    const clock = new FakeClock(0);
    let fired = 0;
    const d = new Debouncer(clock, 500, () => fired++);
    d.trigger();
    await clock.advance(300);
    d.trigger();
    await clock.advance(300);
    d.trigger();
    await clock.advance(499);
    expect(fired).toBe(0);
    await clock.advance(1);
    expect(fired).toBe(1);
    d.trigger();
    d.cancel();
    await clock.advance(1_000);
    expect(fired).toBe(1);
  });
});

describe('dev tags', () => {
  it('counts from the base tag, one past the registered revisions', () => {
    expect(devTag('v0.0.1', 1)).toBe('v0.0.1-dev.2');
    expect(devTag('v0.0.1-dev.2', 2)).toBe('v0.0.1-dev.3');
    expect(baseTag('v0.0.2-dev.14')).toBe('v0.0.2');
    expect(baseTag('v0.0.2-devel')).toBe('v0.0.2-devel');
  });
});

describe('SourceWatcher (real file system)', () => {
  it('ignores dependencies, build output and dotfiles', () => {
    expect(isIgnoredSource('node_modules/x/index.js')).toBe(true);
    expect(isIgnoredSource('dist/main.js')).toBe(true);
    expect(isIgnoredSource('.git/HEAD')).toBe(true);
    expect(isIgnoredSource('src/users/users.service.ts')).toBe(false);
    expect(isIgnoredSource('package.json')).toBe(false);
  });

  it('reports source changes (nested, top-level, in a new folder) and nothing from node_modules or dist', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ecs-twin-watch-'));
    await mkdir(join(root, 'src', 'users'), { recursive: true });
    await mkdir(join(root, 'node_modules', 'dep'), { recursive: true });
    await mkdir(join(root, 'dist'), { recursive: true });
    const seen: string[] = [];
    const watcher = await new SourceWatcher({ root, onChange: (p) => seen.push(p) }).start();
    const settle = () => new Promise((r) => setTimeout(r, 150));
    try {
      await writeFile(join(root, 'node_modules', 'dep', 'index.js'), 'x');
      await writeFile(join(root, 'dist', 'main.js'), 'x');
      await settle();
      expect(seen).toEqual([]);
      await writeFile(join(root, 'src', 'users', 'users.service.ts'), 'x');
      await writeFile(join(root, 'package.json'), '{}');
      await mkdir(join(root, 'lib'));
      await settle();
      await writeFile(join(root, 'lib', 'new.ts'), 'x');
      await settle();
      expect(new Set(seen)).toEqual(new Set(['src/users/users.service.ts', 'package.json', 'lib', 'lib/new.ts']));
    } finally {
      watcher.close();
      await rm(root, { recursive: true, force: true });
    }
  });
});

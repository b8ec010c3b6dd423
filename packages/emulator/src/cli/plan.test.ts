import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadStack } from '@ecs-twin/manifest';
import { parseDocument } from 'yaml';
import { prepareState } from '../stack-runtime/prepare-state.js';
import { emptyState, stateDir } from '../state/index.js';
import { parseCommand } from './args.js';
import { run } from './main.js';

// `emulate plan` on the tutorial's stack.yaml, copied to a temp dir with its own state.

const REPO_MANIFEST = fileURLToPath(new URL('../../../../stack.yaml', import.meta.url));

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) }, out, err };
}

async function manifestCopy(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ecs-twin-plan-'));
  const file = join(dir, 'stack.yaml');
  await writeFile(file, await readFile(REPO_MANIFEST, 'utf8'));
  return file;
}

describe('emulate plan', () => {
  it('parses with --json and --file', () => {
    expect(parseCommand(['plan', '--json', '-f', 'x.yaml'])).toEqual({ name: 'plan', file: 'x.yaml', json: true });
    expect(parseCommand(['plan'])).toEqual({ name: 'plan', file: 'stack.yaml', json: false });
  });

  it('on a stack never started: every service is created with revision 1 and its desired count; nothing is written', async () => {
    const file = await manifestCopy();
    const c = capture();
    expect(await run(['plan', '--file', file], c.io)).toBe(0);
    const text = c.out.join('\n');
    expect(text).toContain('  + service service-users-ecs  create: 1 task started');
    expect(text).toContain('        taskDefinition: service-products-td:1');
    expect(text).toMatch(/Plan: 2 to create, 0 to update, 0 unchanged\.$/);
    const stack = await loadStack(file);
    await expect(readFile(join(stateDir(stack.baseDir, stack.stack), 'state.json'))).rejects.toThrow(/ENOENT/);
  });

  it('after an edit: a new revision (a rolling deployment) and a changed desired count, as up would apply them; the state is not touched', async () => {
    const file = await manifestCopy();
    const started = await loadStack(file);
    const dir = stateDir(started.baseDir, started.stack);
    await mkdir(dir, { recursive: true });
    const stateFile = join(dir, 'state.json');
    const stored = JSON.stringify(prepareState(started, emptyState(started.stack), 1).state);
    await writeFile(stateFile, stored);

    const doc = parseDocument(await readFile(file, 'utf8'));
    doc.setIn(['services', 'users', 'desiredCount'], 3);
    doc.setIn(['services', 'products', 'taskDefinition', 'containers', 0, 'image'], 'service-products:v0.0.2');
    await writeFile(file, doc.toString());

    const c = capture();
    expect(await run(['plan', '--json', '--file', file], c.io)).toBe(0);
    expect(JSON.parse(c.out.join('\n'))).toEqual({
      stack: started.stack,
      emulatorRunning: false,
      steps: [
        { service: 'service-users-ecs', action: 'update', changes: [{ field: 'desiredCount', from: 1, to: 3 }] },
        {
          service: 'service-products-ecs',
          action: 'update',
          changes: [{ field: 'taskDefinition', from: 'service-products-td:1', to: 'service-products-td:2' }],
          note: 'a rolling deployment of the new revision',
        },
      ],
    });
    expect(await readFile(stateFile, 'utf8')).toBe(stored);

    const text = capture();
    expect(await run(['plan', '--file', file], text.io)).toBe(0);
    expect(text.out.join('\n')).toContain('        desiredCount: 1 -> 3');
    expect(text.out.join('\n')).toMatch(/Plan: 0 to create, 2 to update, 0 unchanged\.$/);
  });

  it('an unchanged manifest plans nothing', async () => {
    const file = await manifestCopy();
    const stack = await loadStack(file);
    const dir = stateDir(stack.baseDir, stack.stack);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'state.json'), JSON.stringify(prepareState(stack, emptyState(stack.stack), 1).state));
    const c = capture();
    expect(await run(['plan', '--file', file], c.io)).toBe(0);
    expect(c.out.join('\n')).toBe('Plan: 0 to create, 0 to update, 2 unchanged.');
  });
});

import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TaskDefinitionSpec } from '@ecs-twin/manifest';
import { emptyState, registerTaskDefinition, StateFileError, StateStore, STOPPED_TASKS_KEPT, taskDefinitionHash, withStoppedTask } from './index.js';
import { writeFile } from 'node:fs/promises';

const definition = (image = 'v0.0.1'): TaskDefinitionSpec =>
  ({
    family: 'svc-td',
    cpu: 256,
    memory: 512,
    containers: [{ name: 'c', image: { repository: 'svc', tag: image }, environment: { A: '1' } }],
  }) as unknown as TaskDefinitionSpec;

describe('task-definition registry', () => {
  it('registers revision 1, reuses it for the same content, and adds 2 for changed content', () => {
    const one = registerTaskDefinition(emptyState('s'), definition(), 10);
    expect(one).toMatchObject({ revision: 1, registered: true });
    const same = registerTaskDefinition(one.state, definition(), 20);
    expect(same).toMatchObject({ revision: 1, registered: false });
    expect(same.state).toBe(one.state);
    const two = registerTaskDefinition(one.state, definition('v0.0.2'), 30);
    expect(two).toMatchObject({ revision: 2, registered: true });
    expect(two.state.taskDefinitions['svc-td']!.map((r) => r.revision)).toEqual([1, 2]);
  });

  it('hashes content, not key order', () => {
    const a = definition();
    const b = { memory: 512, cpu: 256, family: 'svc-td', containers: a.containers } as unknown as TaskDefinitionSpec;
    expect(taskDefinitionHash(a)).toBe(taskDefinitionHash(b));
    expect(taskDefinitionHash(a)).not.toBe(taskDefinitionHash(definition('v0.0.2')));
  });
});

describe('StateStore', () => {
  it('starts empty, persists atomically, and reads back what was written', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ecs-twin-state-'));
    const store = await StateStore.open(dir, 'stack-a');
    expect(store.state).toEqual(emptyState('stack-a'));
    await store.update((s) => ({ ...s, services: { svc: { desiredCount: 3, manifestDesiredCount: 1, deployments: [] } } }));
    await store.flush();
    expect((await readdir(dir)).sort()).toEqual(['state.json']); // no temp file left behind
    const again = await StateStore.open(dir, 'stack-a');
    expect(again.state.services.svc!.desiredCount).toBe(3);
    expect(JSON.parse(await readFile(join(dir, 'state.json'), 'utf8')).version).toBe(1);
  });

  it('refuses a corrupt state file with a typed error and a hint', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ecs-twin-state-'));
    await writeFile(join(dir, 'state.json'), '{not json');
    await expect(StateStore.open(dir, 's')).rejects.toBeInstanceOf(StateFileError);
    await expect(StateStore.open(dir, 's')).rejects.toThrow(/read emulator state .*state\.json: not valid JSON state/);
  });
});

describe('stopped-task records', () => {
  it('keeps why each task stopped, and only the newest ones once there are many', () => {
    let state = emptyState('st');
    for (let i = 0; i < STOPPED_TASKS_KEPT + 5; i++) {
      state = withStoppedTask(state, `task-${i}`, { stopCode: 'EssentialContainerExited', stoppedReason: 'x', exitCode: i, at: 1000 + i });
    }
    const ids = Object.keys(state.stoppedTasks);
    expect(ids).toHaveLength(STOPPED_TASKS_KEPT);
    expect(ids).not.toContain('task-4');
    expect(ids).toContain('task-5');
    expect(state.stoppedTasks[`task-${STOPPED_TASKS_KEPT + 4}`]).toEqual({ stopCode: 'EssentialContainerExited', stoppedReason: 'x', exitCode: STOPPED_TASKS_KEPT + 4, at: 1000 + STOPPED_TASKS_KEPT + 4 });
  });
});

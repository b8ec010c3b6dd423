import { MetadataStore, resolveMetadataPath } from './store.mjs';

const task = {
  TaskARN: 'arn:aws:ecs:us-west-1:000000000000:task/c/t1',
  Containers: [
    { DockerId: 't1-0000000001', Name: 'app' },
    { DockerId: 't1-0000000002', Name: 'sidecar' },
  ],
};

function store(): MetadataStore {
  const s = new MetadataStore();
  s.putTask('t1', task);
  return s;
}

describe('task metadata v4 paths', () => {
  it('answers the container, the task and the task with tags', () => {
    const s = store();
    expect(resolveMetadataPath(s, 'GET', '/v4/t1-0000000002')).toEqual({ status: 200, body: task.Containers[1] });
    expect(resolveMetadataPath(s, 'GET', '/v4/t1-0000000001/task')).toEqual({ status: 200, body: task });
    expect(resolveMetadataPath(s, 'GET', '/v4/t1-0000000001/task/')).toEqual({ status: 200, body: task });
    expect(resolveMetadataPath(s, 'GET', '/v4/t1-0000000001/taskWithTags').body).toMatchObject({ TaskTags: {} });
  });

  it('answers the stats pushed for a container, per container and per task', () => {
    const s = store();
    expect(resolveMetadataPath(s, 'GET', '/v4/t1-0000000001/stats')).toEqual({ status: 200, body: {} });
    s.putStats('t1', undefined, { cpu_stats: { online_cpus: 2 } });
    s.putStats('t1', 'sidecar', { cpu_stats: { online_cpus: 1 } });
    expect(resolveMetadataPath(s, 'GET', '/v4/t1-0000000001/stats').body).toEqual({ cpu_stats: { online_cpus: 2 } });
    expect(resolveMetadataPath(s, 'GET', '/v4/t1-0000000002/task/stats').body).toEqual({
      't1-0000000001': { cpu_stats: { online_cpus: 2 } },
      't1-0000000002': { cpu_stats: { online_cpus: 1 } },
    });
    expect(() => s.putStats('t1', 'nope', {})).toThrow(/no container nope/);
    expect(() => s.putStats('t2', undefined, {})).toThrow(/no task t2/);
  });

  it('answers 404 for unknown containers and paths, 405 for writes', () => {
    const s = store();
    expect(resolveMetadataPath(s, 'GET', '/v4/unknown/task').status).toBe(404);
    expect(resolveMetadataPath(s, 'GET', '/v3/t1-0000000001').status).toBe(404);
    expect(resolveMetadataPath(s, 'GET', '/v4/t1-0000000001/other').status).toBe(404);
    expect(resolveMetadataPath(s, 'PUT', '/v4/t1-0000000001/task').status).toBe(405);
  });

  it('forgets a removed task, and keeps tasks across a save and load', () => {
    const s = store();
    const reloaded = MetadataStore.fromJSON(JSON.parse(JSON.stringify(s)));
    expect(resolveMetadataPath(reloaded, 'GET', '/v4/t1-0000000001/task').status).toBe(200);
    s.removeTask('t1');
    expect(resolveMetadataPath(s, 'GET', '/v4/t1-0000000001/task').status).toBe(404);
  });

  it('refuses a document without containers ids', () => {
    expect(() => new MetadataStore().putTask('x', { Containers: [{ Name: 'a' }] } as never)).toThrow(/DockerId/);
  });
});

// What the metadata endpoint serves, and how a v4 path maps onto it. Pure: no
// I/O, so the same code is unit-tested on the host and run in the container.
// Types: store.d.mts.
//
// The emulator pushes each task already rendered in the v4 `/task` shape (see
// ../render-task.ts); a container's own document is its entry in `Containers`,
// found by the DockerId in the path, exactly as ECS_CONTAINER_METADATA_URI_V4
// names it (`<taskId>-<10 digits>`, the Fargate form).

export class MetadataStore {
  constructor() {
    this.tasks = new Map(); // taskId -> v4 task document
    this.owners = new Map(); // DockerId -> taskId
    this.stats = new Map(); // DockerId -> Docker stats JSON
  }

  putTask(taskId, task) {
    if (!task || typeof task !== 'object' || !Array.isArray(task.Containers)) {
      throw new Error('task document must be an object with a Containers array');
    }
    this.removeTask(taskId, { keepStats: true });
    this.tasks.set(taskId, task);
    for (const container of task.Containers) {
      if (typeof container.DockerId !== 'string') throw new Error('every container needs a DockerId');
      this.owners.set(container.DockerId, taskId);
    }
  }

  removeTask(taskId, { keepStats = false } = {}) {
    const task = this.tasks.get(taskId);
    if (!task) return false;
    for (const container of task.Containers) {
      this.owners.delete(container.DockerId);
      if (!keepStats) this.stats.delete(container.DockerId);
    }
    this.tasks.delete(taskId);
    return true;
  }

  /** The latest Docker stats sample of one container (by task-definition name; default: the first). */
  putStats(taskId, containerName, sample) {
    const task = this.tasks.get(taskId);
    if (!task) throw new Error(`no task ${taskId}`);
    const container = containerName ? task.Containers.find((c) => c.Name === containerName) : task.Containers[0];
    if (!container) throw new Error(`task ${taskId} has no container ${containerName}`);
    if (!sample || typeof sample !== 'object') throw new Error('stats sample must be a JSON object');
    this.stats.set(container.DockerId, sample);
  }

  toJSON() {
    return { tasks: Object.fromEntries(this.tasks) };
  }

  static fromJSON(value) {
    const store = new MetadataStore();
    for (const [taskId, task] of Object.entries(value?.tasks ?? {})) store.putTask(taskId, task);
    return store;
  }
}

/**
 * GET paths of the v4 endpoint: `/v4/<id>`, `/v4/<id>/task`, `/v4/<id>/taskWithTags`,
 * `/v4/<id>/stats`, `/v4/<id>/task/stats`. Returns { status, body }.
 */
export function resolveMetadataPath(store, method, path) {
  if (method !== 'GET') return { status: 405, body: { error: `${method} is not supported: the task metadata endpoint is read-only` } };
  const match = /^\/v4\/([^/]+)(\/task|\/taskWithTags|\/stats|\/task\/stats)?\/?$/.exec(path);
  if (!match) return { status: 404, body: { error: `no such path: ${path}` } };
  const [, dockerId, sub = ''] = match;
  const taskId = store.owners.get(dockerId);
  const task = taskId === undefined ? undefined : store.tasks.get(taskId);
  if (!task) return { status: 404, body: { error: `no task metadata for container ${dockerId}` } };
  switch (sub) {
    case '':
      return { status: 200, body: task.Containers.find((c) => c.DockerId === dockerId) };
    case '/task':
      return { status: 200, body: task };
    case '/taskWithTags':
      return { status: 200, body: { ...task, TaskTags: task.TaskTags ?? {} } };
    case '/stats':
      return { status: 200, body: store.stats.get(dockerId) ?? {} };
    default:
      return {
        status: 200,
        body: Object.fromEntries(task.Containers.map((c) => [c.DockerId, store.stats.get(c.DockerId) ?? null])),
      };
  }
}

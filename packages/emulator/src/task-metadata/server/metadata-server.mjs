// ecs-twin's task metadata endpoint (v4): one container per stack on the
// namespace network, answering as `ecs-metadata` on port 80 what ECS's agent
// answers on 169.254.170.2. The emulator pushes task documents and Docker
// stats samples through the admin port (127.0.0.1 only, with a token); this
// program cannot read Docker itself (no socket is mounted, on purpose).
//
// Plain Node, node: modules only: runs with `node /metadata/metadata-server.mjs`.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { MetadataStore, resolveMetadataPath } from './store.mjs';

const env = process.env;
const listenPort = Number(env.MD_LISTEN_PORT ?? 80);
const adminPort = Number(env.MD_ADMIN_PORT ?? 9901);
const token = env.ECS_TWIN_ADMIN_TOKEN ?? '';
const stateFile = env.MD_STATE_FILE ?? '/var/lib/ecs-twin/task-metadata.json';
const log = (fields) => process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...fields })}\n`);

// Task documents survive a restart of this container (not its re-creation).
let store;
try {
  store = MetadataStore.fromJSON(JSON.parse(readFileSync(stateFile, 'utf8')));
} catch {
  store = new MetadataStore();
}

function save() {
  try {
    writeFileSync(`${stateFile}.tmp`, JSON.stringify(store));
    renameSync(`${stateFile}.tmp`, stateFile);
  } catch (error) {
    log({ event: 'state-not-saved', error: error.message });
  }
}

function send(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function readJson(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        reject(new Error('body is not JSON'));
      }
    });
    req.on('error', reject);
  });
}

const metadata = http.createServer((req, res) => {
  const path = new URL(req.url ?? '/', 'http://ecs-metadata').pathname;
  const { status, body } = resolveMetadataPath(store, req.method ?? 'GET', path);
  send(res, status, body);
});
metadata.listen(listenPort, '0.0.0.0', () => log({ event: 'listening', port: listenPort, tasks: store.tasks.size }));

const admin = http.createServer(async (req, res) => {
  const path = new URL(req.url ?? '/', 'http://admin').pathname;
  if (req.method === 'GET' && path === '/healthz') return send(res, 200, { status: 'ok', tasks: store.tasks.size });
  if (token === '' || req.headers.authorization !== `Bearer ${token}`) return send(res, 401, { error: 'missing or wrong admin token' });
  if (req.method === 'GET' && path === '/tasks') return send(res, 200, [...store.tasks.keys()]);
  const one = /^\/tasks\/([^/]+)$/.exec(path);
  if (req.method === 'GET' && one) {
    const task = store.tasks.get(one[1]);
    return task ? send(res, 200, task) : send(res, 404, { error: `no task ${one[1]}` });
  }
  if (req.method === 'PUT' && path === '/stats') {
    // Every task's latest sample in one request (one request per second for the whole
    // stack, not one per task): a sample of a task it does not know yet is skipped.
    try {
      const body = await readJson(req);
      const errors = [];
      for (const one of Array.isArray(body?.samples) ? body.samples : []) {
        try {
          store.putStats(one?.taskId, one?.container, one?.stats);
        } catch (error) {
          errors.push(error.message);
        }
      }
      return send(res, 200, { applied: (body?.samples?.length ?? 0) - errors.length, errors });
    } catch (error) {
      return send(res, 400, { error: `PUT /stats: ${error.message}` });
    }
  }
  const match = /^\/tasks\/([^/]+)(\/stats)?$/.exec(path);
  if (!match) return send(res, 404, { error: `no admin route ${req.method} ${path}` });
  const [, taskId, stats] = match;
  try {
    if (req.method === 'PUT' && !stats) {
      store.putTask(taskId, await readJson(req));
      save();
      return send(res, 200, { taskId });
    }
    if (req.method === 'PUT' && stats) {
      const body = await readJson(req);
      store.putStats(taskId, body?.container, body?.stats);
      return send(res, 200, { taskId });
    }
    if (req.method === 'DELETE' && !stats) {
      const removed = store.removeTask(taskId);
      if (removed) save();
      return send(res, 200, { taskId, removed });
    }
  } catch (error) {
    return send(res, 400, { error: `${req.method} ${path}: ${error.message}` });
  }
  return send(res, 405, { error: `${req.method} ${path} is not supported` });
});
admin.listen(adminPort, '0.0.0.0');

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    metadata.close();
    admin.close();
    process.exit(0);
  });
}

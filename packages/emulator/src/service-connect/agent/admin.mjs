// The agent's admin API, used only by the emulator through a port published on
// 127.0.0.1. Tasks on the namespace network can reach this port too, so every
// call but /healthz needs the token the emulator put in the agent's env.
import { readFileSync, writeFileSync, renameSync } from 'node:fs';

export function createAdminHandler({ pool, config, now = Date.now, log = () => {} }) {
  return async function handleAdmin(req, res) {
    const path = new URL(req.url ?? '/', 'http://admin').pathname;
    if (req.method === 'GET' && path === '/healthz') {
      return json(res, 200, { status: 'ok', discoveryName: config.discoveryName, endpoints: pool.endpoints().length });
    }
    if (!authorized(req, config.adminToken)) return json(res, 401, { error: 'missing or wrong admin token' });
    if (req.method === 'GET' && path === '/endpoints') return json(res, 200, pool.snapshot(now()));
    if (req.method === 'PUT' && path === '/endpoints') {
      let endpoints;
      try {
        endpoints = parseEndpoints(await readJson(req));
      } catch (error) {
        return json(res, 400, { error: `PUT /endpoints: ${error.message}` });
      }
      pool.setEndpoints(endpoints);
      saveEndpoints(config.stateFile, endpoints, log);
      log({ event: 'endpoints', count: endpoints.length, ids: endpoints.map((e) => e.id) });
      return json(res, 200, pool.snapshot(now()));
    }
    return json(res, 404, { error: `no admin route ${req.method} ${path}` });
  };
}

/** Validates a JSON endpoint list: [{ id, address, port }]. */
export function parseEndpoints(value) {
  if (!Array.isArray(value)) throw new Error('body must be a JSON array of { id, address, port }');
  return value.map((item, index) => {
    // An empty address would make node connect to localhost: the agent itself, a request loop.
    const ok =
      item &&
      typeof item.id === 'string' &&
      typeof item.address === 'string' &&
      item.address.trim() !== '' &&
      Number.isInteger(item.port) &&
      item.port > 0 &&
      item.port < 65536;
    if (!ok) throw new Error(`item ${index} must be { id: string, address: non-empty string, port: 1-65535 }`);
    return { id: item.id, address: item.address, port: item.port };
  });
}

// Endpoints are kept in the container's own filesystem, so an agent restarted in
// place serves the same endpoints before the emulator pushes again. A new agent
// of a pair starts with its sibling's endpoints (`seed`, JSON from its env), so it
// never answers 503 from an empty pool once Docker's DNS lists it.
export function loadEndpoints(file, seed) {
  try {
    return parseEndpoints(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    try {
      return seed ? parseEndpoints(JSON.parse(seed)) : [];
    } catch {
      return [];
    }
  }
}

function saveEndpoints(file, endpoints, log) {
  try {
    writeFileSync(`${file}.tmp`, JSON.stringify(endpoints));
    renameSync(`${file}.tmp`, file);
  } catch (error) {
    log({ event: 'state-not-saved', error: error.message });
  }
}

function authorized(req, token) {
  return token !== '' && req.headers.authorization === `Bearer ${token}`;
}

function readJson(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null'));
      } catch {
        reject(new Error('body is not JSON'));
      }
    });
    req.on('error', reject);
  });
}

function json(res, status, value) {
  const text = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

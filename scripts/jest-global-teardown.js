// Without ryuk (its image cannot be pulled here), integration tests clean up
// after themselves; this is the safety net: remove the containers and networks
// labelled as test objects that were created since this run began. Objects of
// other runs going on at the same time (older ones) are left alone.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { RUN_START_FILE } from './jest-global-setup.js';

const docker = (args) => {
  try {
    return execFileSync('docker', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
};
const lines = (text) => text.split('\n').filter(Boolean);

function createdSince(kind, ids, since) {
  if (ids.length === 0) return [];
  return lines(docker([kind, 'inspect', '--format', '{{.Id}} {{.Created}}', ...ids]))
    .map((line) => line.split(' '))
    .filter(([, created]) => Date.parse(created) / 1000 >= since)
    .map(([id]) => id);
}

export default async function globalTeardown() {
  const since = existsSync(RUN_START_FILE) ? Number(readFileSync(RUN_START_FILE, 'utf8')) : 0;
  rmSync(RUN_START_FILE, { force: true });
  for (const label of ['ecs-twin.test=true', 'org.testcontainers=true']) {
    const containers = createdSince('container', lines(docker(['ps', '-aq', '--no-trunc', '--filter', `label=${label}`])), since);
    if (containers.length) docker(['rm', '-f', '-v', ...containers]);
    const networks = createdSince('network', lines(docker(['network', 'ls', '-q', '--no-trunc', '--filter', `label=${label}`])), since);
    if (networks.length) docker(['network', 'rm', ...networks]);
  }
}

// Without ryuk (its image cannot be pulled here), integration tests clean up
// after themselves; this is the safety net: remove every container and network
// that a test created, found by the label the tests put on them.
import { execFileSync } from 'node:child_process';
export default async function globalTeardown() {
  const run = (args) => { try { return execFileSync('docker', args, { encoding: 'utf8' }).trim(); } catch { return ''; } };
  for (const label of ['ecs-twin.test=true', 'org.testcontainers=true']) {
    const ids = run(['ps', '-aq', '--filter', `label=${label}`]).split('\n').filter(Boolean);
    if (ids.length) run(['rm', '-f', '-v', ...ids]);
    const nets = run(['network', 'ls', '-q', '--filter', `label=${label}`]).split('\n').filter(Boolean);
    if (nets.length) run(['network', 'rm', ...nets]);
  }
}

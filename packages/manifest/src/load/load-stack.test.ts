import { join } from 'node:path';
import { ManifestError } from '../errors/index.js';
import { loadStack, loadStackFromString } from './load-stack.js';

const repoRoot = join(import.meta.dirname, '..', '..', '..', '..');

describe('loadStack', () => {
  it('loads the tutorial stack.yaml with defaults filled in', async () => {
    const stack = await loadStack(join(repoRoot, 'stack.yaml'));
    expect(stack.stack).toBe('ecs-tutorial');
    expect(stack.services.map((s) => s.key)).toEqual(['users', 'products']);
    const users = stack.services[0]!;
    expect(users.build?.context).toBe(join(repoRoot, 'packages/services/users'));
    expect(users.taskDefinition.containers[0]!.image).toEqual({ repository: 'service-users', tag: 'v0.0.1' });
    expect(users.taskDefinition.containers[0]!.stopTimeout).toBe(30);
    expect(users.loadBalancer?.targetGroupName).toBe('service-users-tg');
    expect(stack.loadBalancer.targetGroups[0]!.healthCheck.intervalSeconds).toBe(30);
  });

  it('throws a ManifestError with every issue positioned', () => {
    let caught: unknown;
    try {
      loadStackFromString('stack: x\ncluster: {nme: a}\n', 'bad.yaml');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ManifestError);
    const error = caught as ManifestError;
    expect(error.name).toBe('ManifestError');
    expect(error.issues).toContainEqual({
      file: 'bad.yaml', line: 2, column: 11, path: 'cluster.nme', message: 'unknown key "nme" (did you mean "name"?)', severity: 'error',
    });
  });
});

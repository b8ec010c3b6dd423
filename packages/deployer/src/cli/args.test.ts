import { UsageError } from '../errors/index.js';
import { chooseRegion, parseCliArgs, resolveRegion } from './args.js';
import { reportError } from './main.js';
import { renderPlan } from './render.js';

describe('deploy CLI arguments', () => {
  it('defaults to apply on aws with stack.yaml, waiting', () => {
    expect(parseCliArgs([])).toMatchObject({ command: 'apply', target: 'aws', file: 'stack.yaml', yes: false, json: false, skipPush: false, wait: true });
  });

  it('parses every option', () => {
    expect(parseCliArgs(['destroy', '--target', 'aws', '--file', 'x.yaml', '--region', 'eu-west-1', '--profile', 'p', '--yes', '--json', '--skip-push', '--no-wait', '--wait-timeout', '60']))
      .toEqual({ command: 'destroy', target: 'aws', file: 'x.yaml', region: 'eu-west-1', profile: 'p', yes: true, json: true, skipPush: true, wait: false, waitTimeoutSeconds: 60, help: false });
  });

  it('rejects unknown commands, targets and options with exit code 2', () => {
    for (const argv of [['deploy-it'], ['--target', 'gcp'], ['--frobnicate'], ['plan', 'apply'], ['--wait-timeout', 'soon']]) {
      const e = (() => { try { parseCliArgs(argv); return undefined; } catch (err) { return err; } })();
      expect(e).toBeInstanceOf(UsageError);
      expect((e as UsageError).exitCode).toBe(2);
    }
  });

  it('takes the region from the flag, then the environment, then the manifest', () => {
    expect(resolveRegion('eu-west-1', { AWS_REGION: 'us-east-2' }, 'us-west-1')).toBe('eu-west-1');
    expect(resolveRegion(undefined, { AWS_REGION: 'us-east-2' }, 'us-west-1')).toBe('us-east-2');
    expect(resolveRegion(undefined, {}, 'us-west-1')).toBe('us-west-1');
    expect(resolveRegion(undefined, {}, '')).toBeUndefined();
  });

  it('warns when the environment overrides a different region in the manifest', () => {
    const c = chooseRegion(undefined, { AWS_REGION: 'us-east-2' }, 'us-west-1');
    expect(c).toMatchObject({ region: 'us-east-2', source: 'AWS_REGION' });
    expect(c.warning).toContain("AWS_REGION=us-east-2 overrides the manifest's region us-west-1");
    expect(chooseRegion(undefined, { AWS_DEFAULT_REGION: 'us-west-1' }, 'us-west-1').warning).toBeUndefined();
    expect(chooseRegion('eu-west-1', { AWS_REGION: 'us-east-2' }, 'us-west-1')).toEqual({ region: 'eu-west-1', source: '--region' });
  });
});

describe('error report', () => {
  const io = () => {
    const err: string[] = [];
    return { err, io: { out: () => {}, err: (t: string) => err.push(t), interactive: false, ask: async () => '', env: {} } };
  };

  it('prints message and hints, no stack, and returns the error\'s exit code', () => {
    const { err, io: cli } = io();
    expect(reportError(new UsageError('refusing to apply without confirmation: stdin is not a terminal', ['pass --yes']), cli)).toBe(2);
    expect(err).toEqual(['error: refusing to apply without confirmation: stdin is not a terminal', '  hint: pass --yes']);
  });

  it('passes manifest errors through with exit code 2', () => {
    const { err, io: cli } = io();
    expect(reportError(Object.assign(new Error('stack.yaml:3:1 services: is required'), { name: 'ManifestError' }), cli)).toBe(2);
    expect(err).toEqual(['stack.yaml:3:1 services: is required']);
  });
});

it('renders a plan with symbols, changed fields and a summary', () => {
  const text = renderPlan([
    { kind: 'task-definition', name: 'service-users-td', action: 'update', changes: [{ field: 'containers[container-users].image', from: 'a:v1', to: 'a:v2' }], note: 'registers revision 2 (latest is 1)' },
    { kind: 'cluster', name: 'ecs-cluster', action: 'noop', changes: [] },
    { kind: 'listener', name: '9000', action: 'delete', changes: [] },
  ]);
  expect(text).toBe([
    '  ~ task-definition service-users-td  update: registers revision 2 (latest is 1)',
    '        containers[container-users].image: a:v1 -> a:v2',
    '  - listener 9000  delete',
    'Plan: 0 to create, 1 to update, 0 to replace, 1 to delete, 1 unchanged.',
  ].join('\n'));
});

import { tutorialStack, withImageTag } from '../testing/index.js';
import { deployLocal, planLocal, runningImages, type RunCommand } from './emulator-deploy.js';

describe('--target local', () => {
  const stack = withImageTag(tutorialStack(), 'v0.0.2');

  it('deploys only services whose image the emulator does not run yet', () => {
    const running = new Map([['users', 'service-users:v0.0.2'], ['products', 'service-products:v0.0.1']]);
    expect(planLocal(stack, running)).toEqual([
      { service: 'users', image: 'service-users:v0.0.2', action: 'noop' },
      { service: 'products', image: 'service-products:v0.0.2', action: 'deploy' },
    ]);
  });

  it('reads what runs from `emulate status --json`, tolerating other shapes', () => {
    expect(runningImages(JSON.stringify({ services: [{ key: 'users', image: 'service-users:v0.0.1' }] }))).toEqual(new Map([['users', 'service-users:v0.0.1']]));
    expect(runningImages('not json')).toEqual(new Map());
  });

  it('spawns `pnpm emulate deploy <service> --image-tag <tag>` per changed service', async () => {
    const calls: string[] = [];
    const run: RunCommand = async (cmd, args) => {
      calls.push(`${cmd} ${args.join(' ')}`);
      return args.includes('status')
        ? { code: 0, stdout: JSON.stringify({ services: [{ key: 'users', image: 'service-users:v0.0.2' }] }), stderr: '' }
        : { code: 0, stdout: '', stderr: '' };
    };
    await deployLocal(stack, 'stack.yaml', () => {}, run);
    expect(calls).toEqual([
      'pnpm --silent emulate status --json --file stack.yaml',
      'pnpm --silent emulate deploy products --image-tag v0.0.2 --file stack.yaml',
    ]);
  });

  it('reports the emulator\'s own error', async () => {
    const run: RunCommand = async (_cmd, args) => (args.includes('status') ? { code: 1, stdout: '', stderr: 'not running' } : { code: 3, stdout: '', stderr: 'emulator is not running' });
    await expect(deployLocal(stack, 'stack.yaml', () => {}, run)).rejects.toThrow('emulate deploy users failed: emulator is not running');
  });
});

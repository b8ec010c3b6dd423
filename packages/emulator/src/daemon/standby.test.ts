import { loadStack } from '@ecs-twin/manifest';
import { fileURLToPath } from 'node:url';

// A standby emulator gets the manifest the CLI parsed as an IPC message (JSON):
// it must arrive whole, or the emulator would serve a different stack.
describe('standby orders', () => {
  it.each(['../../../../stack.yaml', '../../testdata/three-services.yaml'])('carry %s through JSON unchanged', async (relative) => {
    const stack = await loadStack(fileURLToPath(new URL(relative, import.meta.url)));
    expect(JSON.parse(JSON.stringify(stack))).toStrictEqual(stack);
  });
});

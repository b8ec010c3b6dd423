// The hand-built fixture must stay the tutorial's stack.yaml, as the manifest package loads it.
import { loadStack } from '@ecs-twin/manifest';
import { resolve } from 'node:path';
import { tutorialStack } from './tutorial-stack.js';

it('matches stack.yaml loaded by @ecs-twin/manifest (paths aside)', async () => {
  const loaded = await loadStack(resolve(process.cwd(), 'stack.yaml'));
  const strip = (s: typeof loaded) => ({ ...s, sourceFile: '', baseDir: '', services: s.services.map((x) => ({ ...x, build: undefined })) });
  expect(strip(loaded)).toEqual(strip(tutorialStack()));
});

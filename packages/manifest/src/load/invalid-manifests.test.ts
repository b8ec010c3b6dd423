// Table-driven: each testdata/invalid/<case>.yaml must produce exactly the
// lines in <case>.expected (file:line:column path: message), nothing more.
import { readdirSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { formatIssue } from '../errors/index.js';
import { testdata } from '../testing/index.js';
import { checkManifest } from './load-stack.js';

const cases = readdirSync(testdata('invalid'))
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => basename(f, '.yaml'));

const expectedLines = (name: string) =>
  readFileSync(testdata('invalid', `${name}.expected`), 'utf8').split('\n').filter((l) => l.trim() !== '');

describe('invalid manifests', () => {
  it('has a large corpus, each case with its expectation', () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
    const expectations = readdirSync(testdata('invalid')).filter((f) => f.endsWith('.expected'));
    expect(expectations.map((f) => basename(f, '.expected')).sort()).toEqual(cases);
  });

  it.each(cases)('%s', (name) => {
    const file = `${name}.yaml`;
    const result = checkManifest(readFileSync(testdata('invalid', file), 'utf8'), file);
    expect(result.stack).toBeUndefined();
    expect(result.errors.length).toBeGreaterThan(0);
    expect([...result.errors, ...result.warnings].map(formatIssue)).toEqual(expectedLines(name));
  });

  it('reports every problem of a manifest with several, each at its own field', () => {
    const file = 'several-errors.yaml';
    const result = checkManifest(readFileSync(testdata('invalid', file), 'utf8'), file);
    expect(result.errors.map((e) => e.path)).toEqual([
      'regoin',
      'loadBalancer.listeners[1].port',
      'services.api.taskDefinition.memory',
      'services.api.autoscaling.policies[0].targetValue',
      'services.web.loadBalancer.container',
    ]);
    expect(result.warnings.map((w) => w.path)).toEqual(['services.api.taskDefinition.containers[0].environment.WEB_URL']);
  });
});

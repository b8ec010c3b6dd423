import { stackManifestSchema } from '../schema/index.js';
import { repair } from './repair.js';
import { taintOf, within } from './taint.js';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { testdata } from '../testing/index.js';

const base = () => parse(readFileSync(testdata('valid', 'base.yaml'), 'utf8'));

function repaired(edit: (m: any) => void) {
  const raw = base();
  edit(raw);
  const parsed = stackManifestSchema.safeParse(raw);
  if (parsed.success) throw new Error('edit left the manifest valid');
  return repair(stackManifestSchema, raw, parsed.error.issues);
}

describe('repair', () => {
  it('drops unknown keys without tainting anything', () => {
    const fixed = repaired((m) => (m.services.api.colour = 'blue'));
    expect(fixed.data).toBeDefined();
    expect(fixed.removed).toEqual([]);
  });

  it('lets an invalid optional value fall back to its default', () => {
    const fixed = repaired((m) => (m.services.web.desiredCount = -1));
    expect(fixed.data?.services['web']?.desiredCount).toBe(1);
    expect(fixed.removed).toEqual([['services', 'web', 'desiredCount']]);
  });

  it('removes a required value with its list, up to an optional parent', () => {
    const fixed = repaired((m) => (m.services.api.autoscaling.policies[0].targetValue = 170));
    expect(fixed.data?.services['api']?.autoscaling?.policies).toEqual([]);
    expect(fixed.removed).toEqual([
      ['services', 'api', 'autoscaling', 'policies', 0, 'targetValue'],
      ['services', 'api', 'autoscaling', 'policies'],
    ]);
  });

  it('leaves the input untouched', () => {
    const raw = base();
    raw.services.api.desiredCount = -1;
    const parsed = stackManifestSchema.safeParse(raw);
    repair(stackManifestSchema, raw, parsed.error!.issues);
    expect(raw.services.api.desiredCount).toBe(-1);
  });
});

describe('taintOf', () => {
  it('a removed container list taints what rules derive from it, and the service set', () => {
    const taint = taintOf([['services', 'api', 'taskDefinition', 'containers']]);
    expect(taint.servicesIntact).toBe(false);
    expect(taint.scopes.some((s) => within(s, ['services', 'api', 'loadBalancer', 'containerPort']))).toBe(true);
    expect(taint.scopes.some((s) => within(s, ['services', 'api', 'taskDefinition', 'memory']))).toBe(false);
  });

  it('a removed target group taints references from any service', () => {
    const taint = taintOf([['loadBalancer', 'targetGroups', 'api-tg']]);
    expect(taint.scopes.some((s) => within(s, ['services', 'web', 'loadBalancer', 'targetGroup']))).toBe(true);
    expect(taint.scopes.some((s) => within(s, ['loadBalancer', 'securityGroups', 0]))).toBe(false);
    expect(taint.servicesIntact).toBe(true);
  });
});

import type * as z from 'zod';
import { stackManifestSchema, type StackManifest } from '../schema/index.js';
import type { ManifestParts } from '../validate/index.js';

const shape = stackManifestSchema.shape;

/**
 * Sections for the cross-field rules: the whole manifest, or the sections that
 * parse on their own. `original` is the input before repair: a service removed
 * by the repair means the rules do not know every service name.
 */
export function manifestParts(raw: Record<string, unknown>, full: StackManifest | undefined, original = raw): ManifestParts {
  const everyService = sameKeys(raw['services'], original['services']);
  if (full) {
    const services = Object.entries(full.services);
    return { region: full.region, network: full.network, loadBalancer: full.loadBalancer, services, allServices: everyService };
  }
  const services = raw['services'];
  const entries = isMap(services) ? Object.entries(services) : [];
  const parsed = entries.flatMap(([key, value]) => {
    const one = section(shape.services.valueType, value);
    return one && shape.services.keyType.safeParse(key).success ? [[key, one] as const] : [];
  });
  return {
    region: section(shape.region, raw['region']),
    network: section(shape.network, raw['network']),
    loadBalancer: section(shape.loadBalancer, raw['loadBalancer']),
    services: parsed,
    allServices: everyService && isMap(services) && parsed.length === entries.length,
  };
}

function section<T extends z.ZodType>(schema: T, value: unknown): z.output<T> | undefined {
  const result = schema.safeParse(value);
  return result.success ? result.data : undefined;
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sameKeys(a: unknown, b: unknown): boolean {
  return isMap(a) && isMap(b) && Object.keys(a).length === Object.keys(b).length;
}

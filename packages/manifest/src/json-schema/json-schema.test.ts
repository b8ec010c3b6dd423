import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageDir, repoRoot } from '../testing/index.js';
import { stackJsonSchema, stackJsonSchemaText } from './json-schema.js';

type JsonSchema = { properties: Record<string, JsonSchema>; additionalProperties?: unknown; required?: string[]; default?: unknown; items?: JsonSchema };

describe('stack JSON Schema', () => {
  it('is committed as packages/manifest/stack.schema.json, in sync with the zod schema', () => {
    const committed = readFileSync(join(packageDir, 'stack.schema.json'), 'utf8');
    // On failure: pnpm manifest schema > packages/manifest/stack.schema.json
    expect(committed).toBe(stackJsonSchemaText());
  });

  it('is what stack.yaml points editors at', () => {
    const firstLine = readFileSync(join(repoRoot, 'stack.yaml'), 'utf8').split('\n')[0];
    expect(firstLine).toBe('# yaml-language-server: $schema=./packages/manifest/stack.schema.json');
  });

  it('rejects unknown keys, marks required fields and shows defaults (input side)', () => {
    const schema = stackJsonSchema() as unknown as JsonSchema;
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(['stack', 'cluster', 'executionRole', 'network', 'serviceConnect', 'loadBalancer', 'services']);
    const tg = (schema.properties['loadBalancer']!.properties['targetGroups'] as unknown as { additionalProperties: JsonSchema }).additionalProperties;
    expect(tg.required).toEqual(['port']);
    expect(tg.properties['deregistrationDelaySeconds']!.default).toBe(30);
    expect(tg.properties['healthCheck']!.properties['intervalSeconds']!.default).toBe(30);
    expect(schema.properties['region']!.default).toBe('us-east-1');
  });
});

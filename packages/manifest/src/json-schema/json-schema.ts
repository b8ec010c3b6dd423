import * as z from 'zod';
import { stackManifestSchema } from '../schema/index.js';

/**
 * The manifest's JSON Schema for editors (yaml-language-server reads the
 * `$schema` comment on stack.yaml's first line). Input side: fields with
 * defaults are optional, as a user writes them.
 */
export function stackJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(stackManifestSchema, {
    io: 'input',
    target: 'draft-2020-12',
    // zod leaves out the default of a field whose value is transformed (matcher); editors should still show it.
    override: ({ zodSchema, jsonSchema }) => {
      const def = (zodSchema as unknown as { _zod: { def: { type: string; defaultValue?: unknown } } })._zod.def;
      if (def.type === 'default' && jsonSchema.default === undefined) jsonSchema.default = def.defaultValue as never;
    },
  }) as Record<string, unknown>;
}

/** The text committed as packages/manifest/stack.schema.json. */
export function stackJsonSchemaText(): string {
  return `${JSON.stringify(stackJsonSchema(), null, 2)}\n`;
}

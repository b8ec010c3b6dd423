import * as z from 'zod';
import { stackManifestSchema } from '../schema/index.js';

/**
 * The manifest's JSON Schema for editors (yaml-language-server reads the
 * `$schema` comment on stack.yaml's first line). Input side: fields with
 * defaults are optional, as a user writes them.
 */
export function stackJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(stackManifestSchema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
}

/** The text committed as packages/manifest/stack.schema.json. */
export function stackJsonSchemaText(): string {
  return `${JSON.stringify(stackJsonSchema(), null, 2)}\n`;
}

export { stackJsonSchema, stackJsonSchemaText } from './json-schema.js';

export { composeLabels, composeYaml, generateCompose, type ComposeOptions } from './generate-compose.js';
export type { ComposeFile, ComposeHealthCheck, ComposeNetwork, ComposeService } from './compose-model.js';

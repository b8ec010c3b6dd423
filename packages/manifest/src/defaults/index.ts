export { DEFAULTS, FARGATE_MEMORY_BY_CPU } from './defaults.js';

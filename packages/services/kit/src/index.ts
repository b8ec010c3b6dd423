export * from './bootstrap/index.js';
export * from './config/index.js';
export * from './health/index.js';
export * from './logging/index.js';
export * from './shutdown/index.js';
export * from './upstream/index.js';

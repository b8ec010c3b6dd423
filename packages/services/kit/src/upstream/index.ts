export * from './upstream-client.js';
export * from './upstream-error.filter.js';

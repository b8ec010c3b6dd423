export * from './json-logger.js';
export * from './request-log.middleware.js';

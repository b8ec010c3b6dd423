export * from './configure-app.js';
export * from './run-service.js';

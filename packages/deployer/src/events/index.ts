export * from './deploy-event.js';

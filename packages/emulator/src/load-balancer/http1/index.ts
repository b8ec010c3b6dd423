export * from './message-head.js';
export * from './request-head.js';
export * from './response-head.js';
export * from './body-tracker.js';

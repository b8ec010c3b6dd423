export * from './users.data.js';
export * from './users.service.js';
export * from './users.controller.js';
export * from './users.module.js';

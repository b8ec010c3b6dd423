export * from './products.data.js';
export * from './products.service.js';
export * from './products.controller.js';
export * from './products.module.js';

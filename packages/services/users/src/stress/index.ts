export * from './primes.js';
export * from './stress.service.js';
export * from './stress.controller.js';
export * from './stress.module.js';

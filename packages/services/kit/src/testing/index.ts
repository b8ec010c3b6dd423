export * from './harness.js';
export * from './upstream-contract.js';

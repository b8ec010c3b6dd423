export * from './harness.js';
export * from './upstream-contract.js';
export * from './tutorial-data.js';

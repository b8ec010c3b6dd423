export * from './deployer-error.js';
export * from './aws-errors.js';
export * from './deploy-errors.js';

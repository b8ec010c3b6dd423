export * from './stack-state.js';
export { StateFileError, StateStore, readState, stateDir } from './state-store.js';
export { findRevision, registerTaskDefinition, splitRef, taskDefinitionHash } from './task-definition-registry.js';

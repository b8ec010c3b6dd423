export * from './tutorial-stack.js';
export * from './observed-from-desired.js';

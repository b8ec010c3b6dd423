export * from './model/stack.js';

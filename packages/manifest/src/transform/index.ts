export { toStack, parseImageRef, type Origin } from './to-stack.js';

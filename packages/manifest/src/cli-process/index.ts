export { exitWhenFlushed, isBrokenOutput, onBrokenOutput, tolerateBrokenOutput } from './finish.js';

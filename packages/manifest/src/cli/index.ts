export { run, USAGE } from './run.js';
export { EXIT, processIo, type CliIo } from './io.js';

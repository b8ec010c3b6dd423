export * from './clock.js';
export { FakeClock } from './fake-clock.js';

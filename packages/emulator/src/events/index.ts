export * from './emulator-event.js';
export { EventBus } from './event-bus.js';

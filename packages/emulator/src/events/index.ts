export * from './emulator-event.js';
export { EventBus } from './event-bus.js';
export { isProgressWorthy, renderEvent } from './render-event.js';

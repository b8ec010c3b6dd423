export * from './tutorial-stack.js';
export * from './observed-from-desired.js';
export * from './moto-server.js';
export * from './eventual-aws.js';
export * from './recorded-http.js';

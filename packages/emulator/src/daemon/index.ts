export * from './daemon-info.js';
export { ControlClient, ControlApiError } from './control-client.js';
export { startControlServer, type ControlServerOptions } from './control-server.js';
export { serveStack, type ServeOptions, type ServedStack } from './serve-stack.js';
export { spawnDaemon } from './spawn-daemon.js';
export { listenersAnswer, waitReady } from './readiness.js';

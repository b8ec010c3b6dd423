export * from './connection-drain.js';

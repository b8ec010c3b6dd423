export * from './timing-profile.js';

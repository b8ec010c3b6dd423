// `up --watch`: rebuild a service's image and roll it out when its source changes.
export { startWatchMode, type WatchMode, type WatchModeOptions } from './watch-mode.js';
export { SourceWatcher, isIgnoredSource, type SourceWatcherOptions } from './source-watcher.js';
export { Debouncer } from './debouncer.js';
export { baseTag, devTag } from './dev-tag.js';
export { watchServedStack } from './local-watch.js';

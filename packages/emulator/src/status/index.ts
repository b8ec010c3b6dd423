export * from './stack-status.js';
export { buildStatus, offlineStatus, timingView } from './build-status.js';
export { renderStatus, table } from './render-table.js';
export type { ServiceStatusSource, StackStatusSource } from './status-source.js';
export { withoutPeriodHistory } from './without-history.js';

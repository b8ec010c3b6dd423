// `emulate stress`: the tutorial's load (vegeta, 50 req/s for 120 s on GET
// /stress-test through listener 8000), with a live line and vegeta's report.
export { stressCommand, serviceBehindListener, type StressCommandIo } from './stress-command.js';
export { runStress, VegetaNotFoundError, type StressOptions } from './run-stress.js';
export { parseStressArgs, parseDuration, parseRate, STRESS_USAGE, StressUsageError, type StressArgs } from './stress-args.js';
export { formatStressReport, fromVegetaReport, type StressReport, type VegetaJsonReport } from './stress-report.js';
export { LiveStats, formatLiveLine, percentile, type AttackResult, type LiveFigures } from './live-stats.js';
export { findVegeta } from './find-vegeta.js';
export { dockerTaskCounter } from './docker-task-counter.js';

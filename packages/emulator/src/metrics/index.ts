// Task CPU and memory utilization from Docker's stats stream, as ECS reports
// them (percent of the task's reservation), and one datapoint per service and
// period for the autoscaler.
export * from './task-metrics-source.js';
export * from './utilization.js';
export type { DockerStatsSample, DockerCpuStats } from './docker-stats-sample.js';
export { aggregatePeriod, type TaskSeries } from './aggregate-period.js';
export { SampleStore } from './sample-store.js';
export { NdjsonLines } from './ndjson-lines.js';
export {
  ContainerStatsStream,
  type ContainerStatsStreamOptions,
  type OpenStatsStream,
  type StatsByteStream,
} from './container-stats-stream.js';
export {
  DockerTaskMetricsSource,
  dockerStatsOpener,
  type DockerTaskMetricsSourceOptions,
} from './docker-task-metrics-source.js';

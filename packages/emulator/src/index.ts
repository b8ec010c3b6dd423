// Public face of @ecs-twin/emulator: the testing API users call from their own
// tests, the stack runtime and its ports for those who embed the emulator, and
// the CLI entry for tools that want to run a command in-process.
export { startStack, StackNotReadyError, type StartStackOptions, type StartedStack } from './testing/index.js';
export {
  StackRuntime,
  createStackRuntime,
  ensureStackImages,
  withStackName,
  ServiceNotFoundError,
  ImageMissingError,
  type ServiceScaler,
  type StackRuntimeOptions,
  type StackAdapters,
  type PortsMode,
} from './stack-runtime/index.js';
export { serveStack, ControlClient, liveDaemon, type ServedStack, type DaemonInfo } from './daemon/index.js';
export type { StackStatusView, ServiceStatusView, TaskStatusView, TargetGroupStatusView, ListenerStatusView } from './status/index.js';
export { DockerRuntime, DockerUnavailableError, TaskStartError, type ContainerRuntime, type TaskContainerSpec } from './docker/index.js';
export { decide, type SchedulerAction, type SchedulerService, type ObservedTask } from './scheduler/index.js';
export type { Task, TaskLastStatus, TaskHealthStatus, StopCode } from './tasks/index.js';
export type { DeploymentRecord, RolloutState, StackState } from './state/index.js';
export { EventBus, type EmulatorEvent, type EmitEvent } from './events/index.js';
export { systemClock, FakeClock, type Clock } from './clock/index.js';
export { timingProfile, localTiming, awsTiming, type TimingProfile, type TimingProfileName } from './timing/index.js';
export { LABEL, stackLabels, stackFilter } from './labels/index.js';
export { run as runCli } from './cli/main.js';

import type { ServiceSpec, Stack } from '@ecs-twin/manifest';
import type { Clock } from '../clock/index.js';
import { currentDefinition, deployService, type DeployImages, type DeploymentClient } from '../deployments/index.js';
import type { EmitEvent, EmulatorEvent } from '../events/index.js';
import type { StackState } from '../state/index.js';
import { mainContainer } from '../tasks/index.js';
import { Debouncer } from './debouncer.js';
import { devTag } from './dev-tag.js';
import { SourceWatcher } from './source-watcher.js';

export interface WatchModeOptions {
  readonly stack: Stack;
  /** The stack's state as it is now (the PRIMARY revision each rebuild starts from). */
  readonly readState: () => Promise<StackState>;
  readonly client: DeploymentClient;
  readonly images: DeployImages;
  readonly clock: Clock;
  readonly emit: EmitEvent;
  readonly onEmulatorEvent?: (e: EmulatorEvent) => void;
  readonly timeoutMs: number;
  /** Quiet time after the last change before a rebuild. @default 500 */
  readonly quietMs?: number;
}

export interface WatchMode {
  /** Services being watched (manifest keys), with their build contexts. */
  readonly watching: readonly { readonly service: string; readonly context: string }[];
  close(): void;
}

/**
 * `up --watch`: when a file of a service's build context changes, rebuild its
 * image under a new dev tag and roll it out through the same path as
 * `emulate deploy --image-tag <tag> --rebuild`. One rollout per service at a
 * time; changes during one give exactly one more afterwards.
 */
export async function startWatchMode(options: WatchModeOptions): Promise<WatchMode> {
  const watchers: SourceWatcher[] = [];
  const debouncers: Debouncer[] = [];
  const services = options.stack.services.filter((s): s is ServiceSpec & { build: NonNullable<ServiceSpec['build']> } => s.build !== undefined);
  for (const service of services) {
    const redeploy = serialized(() => redeployService(service, options));
    const debouncer = new Debouncer(options.clock, options.quietMs ?? 500, redeploy);
    debouncers.push(debouncer);
    const watcher = new SourceWatcher({
      root: service.build.context,
      onChange: () => debouncer.trigger(),
      onError: (error) => options.emit({ kind: 'warning', serviceName: service.serviceName, message: `watch ${service.build.context}: ${error.message}` }),
    });
    watchers.push(await watcher.start());
  }
  options.emit({ kind: 'stack', message: `Watching ${services.map((s) => `${s.key} (${s.build.context})`).join(', ')} for changes.` });
  return {
    watching: services.map((s) => ({ service: s.key, context: s.build.context })),
    close() {
      for (const d of debouncers) d.cancel();
      for (const w of watchers) w.close();
    },
  };
}

async function redeployService(service: ServiceSpec, options: WatchModeOptions): Promise<void> {
  const state = await options.readState();
  const primary = state.services[service.serviceName]?.deployments[0]?.taskDefinition;
  const current = currentDefinition(service, state, primary);
  const tag = devTag(mainContainer(service, current).image.tag, state.taskDefinitions[current.family]?.length ?? 0);
  options.emit({ kind: 'stack', serviceName: service.serviceName, message: `Source of ${service.key} changed: rebuilding as ${tag} and deploying it…` });
  try {
    const outcome = await deployService({
      stack: options.stack,
      state,
      client: options.client,
      images: options.images,
      clock: options.clock,
      emit: options.emit,
      onEmulatorEvent: options.onEmulatorEvent,
      service: service.key,
      imageTag: tag,
      rebuild: true,
      timeoutMs: options.timeoutMs,
    });
    options.emit({
      kind: 'deployment',
      serviceName: service.serviceName,
      message: `${service.serviceName} runs ${outcome.taskDefinition} (${outcome.image}), deployed in ${(outcome.durationMs / 1000).toFixed(1)} s.`,
      detail: { watch: true, taskDefinition: outcome.taskDefinition, image: outcome.image },
    });
  } catch (error) {
    // A broken edit must not end watch mode: say why, keep serving the last good revision.
    options.emit({ kind: 'error', serviceName: service.serviceName, message: `watch: ${error instanceof Error ? error.message : String(error)}` });
  }
}

/** At most one run at a time; calls during a run give one more run after it. */
function serialized(run: () => Promise<void>): () => void {
  let running = false;
  let again = false;
  const start = (): void => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    again = false;
    void run().finally(() => {
      running = false;
      if (again) start();
    });
  };
  return start;
}

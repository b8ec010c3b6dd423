import type { ServiceSpec, Stack, TaskDefinitionSpec } from '@ecs-twin/manifest';
import { findRevision, taskDefinitionHash, type StackState } from '../state/index.js';
import { imageName, mainContainer } from '../tasks/index.js';
import { applyTaskDefinitionChange, type TaskDefinitionChange } from './task-definition-change.js';

/** What the control API's POST /services/<name>/deployments carries. */
export interface DeployRequest extends TaskDefinitionChange {
  /**
   * Start a deployment even when the definition is unchanged (ECS
   * `--force-new-deployment`): a rebuilt image under the same tag.
   */
  readonly forceNewDeployment?: boolean;
  /**
   * The service's task definition in the manifest as the caller read it just now. When it
   * differs from the one the emulator registered at `up` (stack.yaml was edited since),
   * the new revision starts from it instead of from the PRIMARY's: the edit ships too.
   */
  readonly manifestTaskDefinition?: TaskDefinitionSpec;
}

export interface DeployResult {
  readonly serviceName: string;
  /** `family:revision` now PRIMARY. */
  readonly taskDefinition: string;
  readonly deploymentId: string;
  /** A new revision was registered (false: an existing one was reused). */
  readonly registered: boolean;
  /** A new deployment started (false: the service already runs this revision). */
  readonly started: boolean;
  readonly image: string;
  readonly minimumHealthyPercent: number;
  readonly maximumPercent: number;
}

/** The StackRuntime calls a deployment needs (consumer-side port). */
export interface DeploymentHost {
  readonly stack: Stack;
  resolveServiceName(name: string): string;
  stateStore(): { readonly state: StackState };
  updateService(
    serviceName: string,
    change: { taskDefinition?: TaskDefinitionSpec; forceNewDeployment?: boolean; cause?: string },
  ): Promise<{ deploymentId: string; taskDefinition: string }>;
}

/**
 * UpdateService as `emulate deploy` does it: the next revision is the PRIMARY
 * deployment's definition with the requested change; the service's loop rolls
 * it out. Resolves as soon as the deployment is recorded, not when it finishes.
 */
export async function startDeployment(host: DeploymentHost, service: string, request: DeployRequest): Promise<DeployResult> {
  const serviceName = host.resolveServiceName(service);
  const spec = host.stack.services.find((s) => s.serviceName === serviceName)!;
  const state = host.stateStore().state;
  const before = state.services[serviceName]?.deployments[0];
  const current = baseDefinition(state, serviceName, request.manifestTaskDefinition) ?? currentDefinition(spec, state, before?.taskDefinition);
  const next = applyTaskDefinitionChange(spec, current, request);
  const revisionsBefore = state.taskDefinitions[next.family]?.length ?? 0;
  const result = await host.updateService(serviceName, {
    taskDefinition: next,
    forceNewDeployment: request.forceNewDeployment,
    cause: 'emulate deploy',
  });
  const revisionsAfter = host.stateStore().state.taskDefinitions[next.family]?.length ?? 0;
  return {
    serviceName,
    taskDefinition: result.taskDefinition,
    deploymentId: result.deploymentId,
    registered: revisionsAfter > revisionsBefore,
    started: result.deploymentId !== before?.id,
    image: imageName(mainContainer(spec, next)),
    minimumHealthyPercent: spec.deployment.minimumHealthyPercent,
    maximumPercent: spec.deployment.maximumPercent,
  };
}

/** The manifest's definition when it changed since `up` registered it; undefined otherwise. */
export function baseDefinition(state: StackState, serviceName: string, manifest: TaskDefinitionSpec | undefined): TaskDefinitionSpec | undefined {
  if (!manifest) return undefined;
  const recorded = state.services[serviceName]?.manifestTaskDefinition;
  const registered = recorded ? findRevision(state, recorded) : undefined;
  return registered && registered.hash === taskDefinitionHash(manifest) ? undefined : manifest;
}

/** The definition the PRIMARY deployment runs (the manifest's when none is recorded). */
export function currentDefinition(spec: ServiceSpec, state: StackState, primaryRef: string | undefined): TaskDefinitionSpec {
  return (primaryRef ? findRevision(state, primaryRef)?.definition : undefined) ?? spec.taskDefinition;
}

/** The control API's request body -> DeployRequest, or what is wrong with it. */
export function parseDeployRequest(body: unknown): DeployRequest | string {
  const b = (body ?? {}) as Record<string, unknown>;
  if (b.imageTag !== undefined && (typeof b.imageTag !== 'string' || !/^[\w][\w.-]{0,127}$/.test(b.imageTag))) {
    return 'imageTag: expected a Docker tag ([A-Za-z0-9_][A-Za-z0-9_.-]{0,127})';
  }
  if (b.environment !== undefined) {
    const env = b.environment as Record<string, unknown>;
    if (typeof env !== 'object' || env === null || Object.values(env).some((v) => typeof v !== 'string')) {
      return 'environment: expected an object of strings';
    }
  }
  if (b.forceNewDeployment !== undefined && typeof b.forceNewDeployment !== 'boolean') return 'forceNewDeployment: expected a boolean';
  const manifest = b.manifestTaskDefinition as { family?: unknown; containers?: unknown } | undefined;
  if (manifest !== undefined && (typeof manifest !== 'object' || typeof manifest.family !== 'string' || !Array.isArray(manifest.containers))) {
    return 'manifestTaskDefinition: expected a task definition (family, containers)';
  }
  return {
    manifestTaskDefinition: manifest as TaskDefinitionSpec | undefined,
    imageTag: b.imageTag as string | undefined,
    environment: b.environment as Record<string, string> | undefined,
    forceNewDeployment: b.forceNewDeployment as boolean | undefined,
  };
}

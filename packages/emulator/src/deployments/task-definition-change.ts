import type { ServiceSpec, TaskDefinitionSpec } from '@ecs-twin/manifest';
import { mainContainer } from '../tasks/index.js';
import { TwinError } from '@ecs-twin/manifest/twin-error';

/** What `emulate deploy` changes in the service's current task definition. */
export interface TaskDefinitionChange {
  /** New tag for the task's container image (same repository). */
  readonly imageTag?: string;
  /** Merged over the container's environment (a key given here wins). */
  readonly environment?: Readonly<Record<string, string>>;
}

/** A `--env` value that is not KEY=VALUE. */
export class EnvironmentOverrideError extends TwinError {
  readonly name = 'EnvironmentOverrideError';
  constructor(readonly value: string) {
    super(`--env ${value}: expected KEY=VALUE with a non-empty KEY`, {
      hints: ['Pass each variable as its own option: `--env API_VERSION=v0.0.2 --env LOG_LEVEL=debug`.'],
    });
  }
}

/** `["A=1", "B=x=y"]` -> `{ A: "1", B: "x=y" }` (the first `=` splits). */
export function parseEnvironmentOverrides(values: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const value of values) {
    const at = value.indexOf('=');
    if (at <= 0) throw new EnvironmentOverrideError(value);
    out[value.slice(0, at)] = value.slice(at + 1);
  }
  return out;
}

/**
 * The next revision's definition (pure): the service's task container gets the
 * new image tag and the merged environment; everything else is carried over
 * from `current` (the revision the PRIMARY deployment runs), as
 * `aws ecs register-task-definition` from a copy of the previous one would.
 */
export function applyTaskDefinitionChange(service: ServiceSpec, current: TaskDefinitionSpec, change: TaskDefinitionChange): TaskDefinitionSpec {
  const target = mainContainer(service, current);
  return {
    ...current,
    containers: current.containers.map((c) =>
      c.name !== target.name
        ? c
        : {
            ...c,
            image: change.imageTag ? { ...c.image, tag: change.imageTag } : c.image,
            environment: change.environment ? { ...c.environment, ...change.environment } : c.environment,
          },
    ),
  };
}

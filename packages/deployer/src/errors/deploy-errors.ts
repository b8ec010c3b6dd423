// Errors of the deployment itself (not of one AWS call).
import type { OwnershipConflict } from '../plan/step-for.js';
import type { PlanStep } from '../plan/plan-step.js';
import { DeployerError } from './deployer-error.js';

export class ConflictError extends DeployerError {
  readonly name = 'ConflictError';
  constructor(stack: string, readonly conflicts: readonly OwnershipConflict[]) {
    super(
      `cannot plan stack ${stack}: ${conflicts.map((c) => `${c.kind} ${c.name}`).join(', ')} already belong(s) to another ecs-twin stack`,
      { hints: ['rename these resources in stack.yaml, or destroy the other stack first'] },
    );
  }
}

export class ReplaceNotSupportedError extends DeployerError {
  readonly name = 'ReplaceNotSupportedError';
  constructor(readonly steps: readonly PlanStep[]) {
    super(
      `cannot apply: ${steps.map((s) => `${s.kind} ${s.name} (${s.note ?? 'replace'})`).join('; ')}`,
      {
        hints: [
          'give the resource a new name in stack.yaml: apply creates the new one, moves its users over and deletes the old one',
          'or run `pnpm run deploy destroy` and apply again',
        ],
      },
    );
  }
}

export class NetworkLookupError extends DeployerError {
  readonly name = 'NetworkLookupError';
  constructor(what: string, why: string) {
    super(`${what}: ${why}`, {
      hints: ['name an existing VPC id under network.vpc, and under network.subnets subnet ids, availability zone names or IDs (usw1-az1) of that VPC, or [default] for the default subnets of two zones'],
    });
  }
}

export interface ServiceTrouble {
  readonly service: string;
  /** Why the wait stopped for it: the deployment's rolloutStateReason, or the rollback. */
  readonly reason?: string;
  readonly running: number;
  readonly desired: number;
  readonly events: readonly string[];
  readonly stoppedReasons: readonly string[];
}

export class ServiceNotStableError extends DeployerError {
  readonly name = 'ServiceNotStableError';
  constructor(readonly why: string, readonly services: readonly ServiceTrouble[]) {
    super(
      `services did not become stable: ${why}\n${services
        .map((s) => [
          `  ${s.service}: ${s.running}/${s.desired} running${s.reason ? ` (${s.reason})` : ''}`,
          ...s.events.map((e) => `    event: ${e}`),
          ...s.stoppedReasons.map((r) => `    stopped task: ${r}`),
        ].join('\n'))
        .join('\n')}`,
      {
        hints: [
          'the resources are in place; fix the cause shown above (image, health check, permissions) and run apply again',
          '`pnpm run deploy status` shows tasks and target health; with the circuit breaker on, ECS rolls back by itself',
        ],
      },
    );
  }
}

export class ImageBuildError extends DeployerError {
  readonly name = 'ImageBuildError';
  constructor(readonly image: string, why: string, readonly logTail: readonly string[]) {
    super(`building image ${image} failed: ${why}\n${logTail.map((l) => `  | ${l}`).join('\n')}`, {
      hints: ['fix the Dockerfile or the build context, then run apply again', 'or push the image yourself and pass --skip-push'],
    });
  }
}

export class ImagePushError extends DeployerError {
  readonly name = 'ImagePushError';
  constructor(readonly image: string, why: string) {
    super(`pushing image ${image} failed: ${why}`, {
      hints: ['check that the Docker engine runs and reaches the ECR registry', 'or push the image yourself and pass --skip-push'],
    });
  }
}

export class UsageError extends DeployerError {
  readonly name = 'UsageError';
  constructor(message: string, hints: readonly string[] = ['run `pnpm run deploy --help`']) {
    super(message, { hints, exitCode: 2 });
  }
}

export class EmulatorDeployError extends DeployerError {
  readonly name = 'EmulatorDeployError';
  constructor(service: string, why: string) {
    super(`emulate deploy ${service} failed: ${why}`, {
      hints: ['start the local stack first with `pnpm emulate up --detach`'],
    });
  }
}

export class ImageArchitectureError extends DeployerError {
  readonly name = 'ImageArchitectureError';
  constructor(readonly image: string, readonly built: string, readonly wanted: string) {
    super(`image ${image} is ${built}, but the task definition runs ${wanted}: its tasks would die with "exec format error"; nothing was pushed`, {
      hints: [
        `this Docker engine built for ${built}: building for ${wanted} needs emulation (Docker Desktop has it; on Linux, QEMU binfmt handlers)`,
        `or run the image's own architecture on Fargate: taskDefinition.runtimePlatform.cpuArchitecture: ${built.endsWith('arm64') ? 'ARM64' : 'X86_64'}`,
      ],
    });
  }
}

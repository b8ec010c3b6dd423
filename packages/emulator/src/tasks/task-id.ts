import { randomBytes } from 'node:crypto';

/** A new ECS-style task id: 32 lowercase hex characters. */
export function newTaskId(): string {
  return randomBytes(16).toString('hex');
}

/** An ECS-style deployment id: `ecs-svc/` and 19 digits. */
export function newDeploymentId(): string {
  const digits = Array.from(randomBytes(19), (b) => String(b % 10)).join('');
  return `ecs-svc/${digits.replace(/^0/, '1')}`;
}

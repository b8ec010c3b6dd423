import type { Stack } from '@ecs-twin/manifest';
import type { StackState } from '../state/index.js';
import { prepareState } from './prepare-state.js';

// `emulate plan`: what `up` would change in the stack's stored state, from the
// same prepareState `up` runs (pure). Printed like the deployer's plan.

export interface UpPlanStep {
  readonly service: string;
  readonly action: 'create' | 'update' | 'noop';
  readonly changes: readonly { readonly field: 'taskDefinition' | 'desiredCount'; readonly from?: string | number; readonly to: string | number }[];
  /** What the change sets off when the stack runs. */
  readonly note?: string;
}

export interface UpPlan {
  readonly stack: string;
  readonly steps: readonly UpPlanStep[];
}

export function planUp(stack: Stack, state: StackState, now: number): UpPlan {
  const { changes } = prepareState(stack, state, now);
  const steps = stack.services.map((service): UpPlanStep => {
    const name = service.serviceName;
    const before = state.services[name];
    const mine = changes.filter((c) => c.serviceName === name);
    const created = mine.find((c) => c.kind === 'created');
    if (created) {
      return {
        service: name,
        action: 'create',
        changes: [
          { field: 'taskDefinition', to: created.detail },
          { field: 'desiredCount', to: service.desiredCount },
        ],
        note: `${service.desiredCount} ${service.desiredCount === 1 ? 'task' : 'tasks'} started`,
      };
    }
    const revision = mine.find((c) => c.kind === 'new-revision');
    const count = mine.find((c) => c.kind === 'desired-count');
    const fieldChanges: UpPlanStep['changes'][number][] = [];
    if (revision) fieldChanges.push({ field: 'taskDefinition', from: before?.deployments[0]?.taskDefinition ?? '', to: revision.detail });
    if (count) fieldChanges.push({ field: 'desiredCount', from: before?.desiredCount ?? 0, to: service.desiredCount });
    if (fieldChanges.length === 0) return { service: name, action: 'noop', changes: [] };
    return {
      service: name,
      action: 'update',
      changes: fieldChanges,
      ...(revision ? { note: 'a rolling deployment of the new revision' } : {}),
    };
  });
  return { stack: stack.stack, steps };
}

const SYMBOL: Record<UpPlanStep['action'], string> = { create: '+', update: '~', noop: ' ' };

export function renderUpPlan(plan: UpPlan): string {
  const lines: string[] = [];
  for (const step of plan.steps) {
    if (step.action === 'noop') continue;
    lines.push(`${SYMBOL[step.action].padStart(3)} service ${step.service}  ${step.action}${step.note ? `: ${step.note}` : ''}`);
    for (const c of step.changes) lines.push(`        ${c.field}: ${c.from === undefined ? c.to : `${c.from} -> ${c.to}`}`);
  }
  const count = (action: UpPlanStep['action']) => plan.steps.filter((s) => s.action === action).length;
  lines.push(`Plan: ${count('create')} to create, ${count('update')} to update, ${count('noop')} unchanged.`);
  return lines.join('\n');
}

// Runs plan steps in order: creates and updates in dependency order, deletions
// (already last in the plan) in reverse. Noops call nothing. Every step emits
// started/done events; a failure names its step and stops the run, and a re-run
// continues from whatever AWS then has.
import type { PlanStep, ResourceKind } from '../plan/index.js';
import type { ApplyContext } from './context.js';
import { imageStep, logGroupStep, repositoryStep, roleStep } from './steps/identity-steps.js';
import { listenerStep, loadBalancerStep, securityGroupSteps, targetGroupStep } from './steps/network-steps.js';
import {
  clusterStep,
  namespaceStep,
  scalableTargetStep,
  scalingPolicyStep,
  serviceSteps,
  taskDefinitionStep,
} from './steps/container-steps.js';

type OneStep = (step: PlanStep, ctx: ApplyContext) => Promise<string | void>;
type Batch = (steps: readonly PlanStep[], ctx: ApplyContext) => Promise<void>;

const ONE: Partial<Record<ResourceKind, OneStep>> = {
  role: roleStep,
  repository: repositoryStep,
  image: imageStep,
  'log-group': logGroupStep,
  cluster: clusterStep,
  namespace: namespaceStep,
  'load-balancer': loadBalancerStep,
  'target-group': targetGroupStep,
  listener: listenerStep,
  'task-definition': taskDefinitionStep,
  'scalable-target': scalableTargetStep,
  'scaling-policy': scalingPolicyStep,
};

/** Kinds whose steps must run together (two-phase security groups, services draining at once). */
const BATCH: Partial<Record<ResourceKind, { run: Batch; emitsOwnEvents: boolean }>> = {
  'security-group': { run: securityGroupSteps, emitsOwnEvents: false },
  service: { run: serviceSteps, emitsOwnEvents: true },
};

/** Consecutive steps of one kind and one direction (create/update vs delete) form a group. */
function groups(steps: readonly PlanStep[]): PlanStep[][] {
  const out: PlanStep[][] = [];
  for (const s of steps) {
    const last = out[out.length - 1];
    const head = last?.[0];
    if (last && head && head.kind === s.kind && (head.action === 'delete') === (s.action === 'delete')) last.push(s);
    else out.push([s]);
  }
  return out;
}

export async function executeSteps(steps: readonly PlanStep[], ctx: ApplyContext): Promise<void> {
  const todo = steps.filter((s) => s.action !== 'noop');
  for (const group of groups(todo)) {
    const kind = group[0]!.kind;
    const batch = BATCH[kind];
    if (batch) {
      if (!batch.emitsOwnEvents) for (const step of group) ctx.emit({ type: 'step-started', step });
      try {
        await batch.run(group, ctx);
      } catch (e) {
        ctx.emit({ type: 'step-failed', step: group[0]!, error: (e as Error).message });
        throw e;
      }
      if (!batch.emitsOwnEvents) for (const step of group) ctx.emit({ type: 'step-done', step });
      continue;
    }
    for (const step of group) {
      ctx.emit({ type: 'step-started', step });
      try {
        const detail = await ONE[kind]!(step, ctx);
        ctx.emit({ type: 'step-done', step, ...(typeof detail === 'string' ? { detail } : {}) });
      } catch (e) {
        ctx.emit({ type: 'step-failed', step, error: (e as Error).message });
        throw e;
      }
    }
  }
}

// Role, ECR repositories, images and log groups.
import { imageRef } from '@ecs-twin/manifest';
import { stackTags } from '../../aws/tags.js';
import type { PlanStep } from '../../plan/index.js';
import type { ApplyContext } from '../context.js';

export async function roleStep(step: PlanStep, ctx: ApplyContext): Promise<string | void> {
  const { roles } = ctx.ports;
  const want = ctx.desired.role;
  if (step.action === 'delete') return roles.delete(step.name);
  if (step.action === 'create') {
    ctx.refs.roleArn = await roles.create(want.name, want.trustedService, stackTags(ctx.desired.stack));
    for (const p of want.managedPolicies) await roles.attachPolicy(want.name, p);
    return ctx.refs.roleArn;
  }
  const seen = ctx.observed.role!;
  if (step.changes.some((c) => c.field === 'trustedServices')) await roles.setTrust(want.name, want.trustedService);
  for (const p of want.managedPolicies) if (!seen.managedPolicies.includes(p)) await roles.attachPolicy(want.name, p);
  for (const p of seen.managedPolicies) if (!want.managedPolicies.includes(p)) await roles.detachPolicy(want.name, p);
}

export async function repositoryStep(step: PlanStep, ctx: ApplyContext): Promise<string | void> {
  if (step.action === 'delete') return ctx.ports.repositories.delete(step.name);
  const repo = await ctx.ports.repositories.create(step.name, stackTags(ctx.desired.stack));
  ctx.refs.repositoryUris.set(step.name, repo.uri);
  return repo.uri;
}

export async function imageStep(step: PlanStep, ctx: ApplyContext): Promise<string | void> {
  const image = ctx.desired.images.find((i) => imageRef(i) === step.name);
  if (!image || !ctx.images) return;
  const auth = await ctx.ports.repositories.authorization();
  return ctx.images.publish(image, auth, (message: string) => ctx.emit({ type: 'progress', message: `${step.name}: ${message}` }));
}

export async function logGroupStep(step: PlanStep, ctx: ApplyContext): Promise<void> {
  if (step.action === 'delete') return ctx.ports.logGroups.delete(step.name);
  await ctx.ports.logGroups.create(step.name, stackTags(ctx.desired.stack));
}

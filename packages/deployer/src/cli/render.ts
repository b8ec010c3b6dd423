// Text for people: the plan, events (stderr), status. Pure string builders.
import type { DeployEvent } from '../events/index.js';
import { summarize, type FieldChange, type PlanStep } from '../plan/index.js';
import type { StackStatus } from '../status/index.js';

const SYMBOL: Record<PlanStep['action'], string> = { create: '+', update: '~', replace: '-/+', delete: '-', noop: ' ' };

const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

function change(c: FieldChange): string {
  if (c.from === undefined) return `${c.field}: ${show(c.to)}`;
  if (c.to === undefined) return `${c.field}: ${show(c.from)} (removed)`;
  return `${c.field}: ${show(c.from)} -> ${show(c.to)}`;
}

export function renderPlan(steps: readonly PlanStep[], verbose = false): string {
  const lines: string[] = [];
  for (const s of steps) {
    if (s.action === 'noop' && !verbose && !s.note) continue;
    const tag = s.action === 'noop' ? '(unchanged)' : s.action;
    lines.push(`${SYMBOL[s.action].padStart(3)} ${s.kind} ${s.name}  ${tag}${s.note ? `: ${s.note}` : ''}`);
    for (const c of s.changes) lines.push(`        ${change(c)}`);
  }
  const n = summarize(steps);
  lines.push(`Plan: ${n.create} to create, ${n.update} to update, ${n.replace} to replace, ${n.delete} to delete, ${n.noop} unchanged.`);
  return lines.join('\n');
}

export function renderEvent(e: DeployEvent): string | undefined {
  switch (e.type) {
    case 'observing': return `Reading stack ${e.stack} in ${e.region}...`;
    case 'step-started': return `${verb(e.step)} ${e.step.kind} ${e.step.name}...`;
    case 'step-done': return `  ${done(e.step)} ${e.step.kind} ${e.step.name}${e.detail ? ` (${e.detail})` : ''}`;
    case 'step-failed': return `  failed ${e.step.kind} ${e.step.name}: ${e.error.split('\n')[0]}`;
    case 'progress': return `  ${e.message}`;
    case 'warning': return `warning: ${e.message}`;
    case 'wait-progress':
      return `  ${e.services.map((s) => `${s.service} ${s.running}/${s.desired} running${s.pending ? `, ${s.pending} pending` : ''}${s.rolloutState ? ` [${s.rolloutState}]` : ''}${s.phase === 'targets' ? `, ${s.healthyTargets ?? 0} healthy target(s)` : ''}${s.phase === 'done' ? ' done' : ''}${s.latestEvent ? ` - ${s.latestEvent}` : ''}`).join('; ')}`;
  }
}

const verb = (s: PlanStep) => ({ create: 'Creating', update: 'Updating', replace: 'Replacing', delete: 'Deleting', noop: 'Checking' })[s.action];
const done = (s: PlanStep) => ({ create: 'created', update: 'updated', replace: 'replaced', delete: 'deleted', noop: 'unchanged' })[s.action];

export function renderStatus(s: StackStatus): string {
  const lines = [`Stack ${s.stack} in ${s.region}, cluster ${s.cluster}${s.clusterExists ? '' : ' (missing)'}`, '', 'Services:'];
  for (const svc of s.services) {
    if (svc.state === 'missing') { lines.push(`  ${svc.name}: missing`); continue; }
    lines.push(`  ${svc.name}: ${svc.running}/${svc.desired} running, ${svc.pending} pending, ${svc.taskDefinition ?? '?'}${svc.owned ? '' : ' (adopted)'}`);
    for (const t of svc.tasks) {
      lines.push(`    task ${t.id.slice(0, 12)} ${t.lastStatus}${t.health ? ` ${t.health}` : ''}${t.stoppedReason ? `: ${t.stoppedReason}` : ''}`);
    }
  }
  lines.push('', 'Targets:');
  for (const tg of s.targetGroups) {
    lines.push(`  ${tg.name}: ${tg.targets.length === 0 ? 'no registered targets' : tg.targets.map((t) => `${t.id}:${t.port ?? ''} ${t.state}${t.reason ? ` (${t.reason})` : ''}`).join(', ')}`);
  }
  lines.push('', 'URLs:', ...(s.urls.length ? s.urls.map((u) => `  ${u}`) : ['  (no load balancer yet)']));
  return lines.join('\n');
}

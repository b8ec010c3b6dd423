import type { AutoscalingTiming } from '../timing/index.js';
import type { StackStatusView } from './stack-status.js';

/** Columns padded to their widest cell. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/** The human view of `emulate status`. */
export function renderStatus(status: StackStatusView): string {
  const out: string[] = [];
  const running = status.emulatorRunning ? `emulator running (pid ${status.pid})` : 'emulator NOT running (run `emulate up` to re-attach)';
  out.push(`Stack ${status.stack}  cluster ${status.cluster}  timing ${String(status.timing.profile)}  ${running}`);
  out.push(timingLine(status.timing), '');
  out.push(
    table(
      ['SERVICE', 'DESIRED', 'RUNNING', 'PENDING', 'TASK DEFINITION', 'DEPLOYMENTS', 'STEADY'],
      status.services.map((s) => [
        s.serviceName,
        String(s.desiredCount),
        String(s.runningCount),
        String(s.pendingCount),
        s.taskDefinition,
        s.deployments.map((d) => `${d.status}:${d.taskDefinition}:${d.rolloutState}`).join(' ') || '-',
        s.steady ? 'yes' : 'no',
      ]),
    ),
    '',
  );
  out.push(
    table(
      ['TASK', 'SERVICE', 'STATUS', 'HEALTH', 'CPU%', 'MEM%', 'REVISION', 'STOPPED REASON'],
      status.tasks.map((t) => [
        t.taskId,
        t.serviceName,
        t.lastStatus,
        t.healthStatus,
        t.cpuUtilization === undefined ? '-' : t.cpuUtilization.toFixed(1),
        t.memoryUtilization === undefined ? '-' : t.memoryUtilization.toFixed(1),
        t.taskDefinition,
        t.stoppedReason ?? '',
      ]),
    ),
    '',
  );
  if (status.listeners.length > 0) {
    const targets = status.targetGroups.flatMap((tg) =>
      tg.targets.map((t) => [tg.targetGroupName, t.id, String(t.port), t.state, t.reason ?? '']),
    );
    out.push(table(['LISTENER', 'URL', 'TARGET GROUP'], status.listeners.map((l) => [String(l.port), l.url, l.targetGroupName])), '');
    out.push(table(['TARGET GROUP', 'TARGET', 'PORT', 'STATE', 'REASON'], targets), '');
  }
  const events = recentEvents(status.services);
  if (events.length > 0) out.push('Recent events', ...events, '');
  return out.join('\n');
}

/** Each service's newest events, merged newest first like one stream (ISO times sort as text). */
function recentEvents(services: StackStatusView['services'], perService = 5): string[] {
  return services
    .flatMap((s) => s.events.slice(0, perService))
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))
    .map((e) => `${e.createdAt}  ${e.message}`);
}

/** Both timing profiles' scaling numbers on one line, the active one first. */
function timingLine(timing: Readonly<Record<string, unknown>>): string {
  const profiles = (timing.profiles ?? {}) as Record<string, { autoscaling?: AutoscalingTiming }>;
  const active = String(timing.profile);
  const names = [active, ...Object.keys(profiles).filter((n) => n !== active)];
  const describe = (name: string) => {
    const a = profiles[name]?.autoscaling;
    if (!a) return undefined;
    const cooldowns = a.scaleOutCooldownSeconds === undefined ? 'manifest cooldowns' : `cooldowns ${a.scaleOutCooldownSeconds}/${a.scaleInCooldownSeconds} s`;
    return `${name}${name === active ? ' (active)' : ''}: ${a.periodSeconds} s periods, ${a.highDatapoints} of ${a.highDatapoints} high, ${a.lowDatapoints} of ${a.lowDatapoints} low, ${cooldowns}`;
  };
  const parts = names.map(describe).filter((p): p is string => p !== undefined);
  return parts.length ? `Timing profiles: ${parts.join(' | ')}` : '';
}

// Service Connect resolves discovery names when a task starts: a task started
// before another service's discovery name existed cannot reach it until it is
// replaced (AWS's Service Connect deployment guide says so). /health does not call
// the other service, so such a stack looks healthy while its calls fail. Pure.
import type { DesiredService, ObservedStack, PlanStep } from '../plan/index.js';

const namesOf = (s: DesiredService) => (s.config.serviceConnect?.enabled ? s.config.serviceConnect.services.map((x) => x.discoveryName) : []);

/**
 * Services to give a new deployment after `steps` (service steps, in the order they
 * ran): every Service Connect service whose tasks started before the last new
 * discovery name of this run appeared, including ones this run did not touch.
 */
export function serviceConnectRestarts(steps: readonly PlanStep[], desired: readonly DesiredService[], observed: ObservedStack): string[] {
  const order = steps.filter((s) => s.kind === 'service' && (s.action === 'create' || s.action === 'update')).map((s) => s.name);
  let lastIntro = -1;
  order.forEach((name, i) => {
    const step = steps.find((s) => s.kind === 'service' && s.name === name)!;
    const want = desired.find((d) => d.serviceName === name);
    if (!want) return;
    const seen = observed.services[name]?.serviceConnect;
    const hadNames = new Set(step.action === 'create' ? [] : seen?.enabled ? seen.services.map((x) => x.discoveryName) : []);
    // An update that changes Service Connect but whose old names AWS did not report: assume they are new.
    const scChanged = step.action === 'create' || step.changes.some((c) => c.field === 'serviceConnect');
    if (scChanged && namesOf(want).some((n) => !hadNames.has(n))) lastIntro = i;
  });
  if (lastIntro < 0) return [];
  return desired
    .filter((d) => d.config.serviceConnect?.enabled)
    .filter((d) => {
      const i = order.indexOf(d.serviceName);
      // Untouched services (i = -1) and those started before the last new name need fresh tasks.
      return i < lastIntro && (i >= 0 || observed.services[d.serviceName] !== undefined);
    })
    .map((d) => d.serviceName);
}

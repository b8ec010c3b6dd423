import { error, warning, type RawIssue } from '../errors/index.js';
import type { Rule } from './parts.js';

/**
 * Desired count within the scaling bounds, one policy per metric (Application
 * Auto Scaling combines them [aws-fidelity §4]), and a rolling update that can
 * make progress [§3].
 */
export const capacityRule: Rule = ({ services }) => {
  const out: RawIssue[] = [];
  for (const [key, s] of services) {
    const at = ['services', key];
    const scaling = s.autoscaling;
    if (scaling) {
      const { minCapacity: min, maxCapacity: max } = scaling;
      if (min > max) {
        out.push(error([...at, 'autoscaling', 'minCapacity'], `must be at most maxCapacity (${max}), got ${min}`));
      } else if (s.desiredCount < min || s.desiredCount > max) {
        out.push(error([...at, 'desiredCount'], `must be between autoscaling.minCapacity (${min}) and maxCapacity (${max}), got ${s.desiredCount}`));
      }
      const names = new Map<string, number>();
      const metrics = new Map<string, number>();
      scaling.policies.forEach((p, i) => {
        const here = [...at, 'autoscaling', 'policies', i];
        const sameName = names.get(p.name);
        if (sameName !== undefined) out.push(error([...here, 'name'], `policy name "${p.name}" is already used by policies[${sameName}]`));
        else names.set(p.name, i);
        const sameMetric = metrics.get(p.metric);
        if (sameMetric !== undefined) out.push(error([...here, 'metric'], `${p.metric} is already tracked by policies[${sameMetric}]; use one policy per metric`));
        else metrics.set(p.metric, i);
      });
      if (scaling.policies.length === 0) out.push(warning([...at, 'autoscaling', 'policies'], 'no policies: the service keeps its desired count'));
    }
    const { minimumHealthyPercent: minPct, maximumPercent: maxPct } = s.deployment;
    if (maxPct <= minPct && s.desiredCount > 0) {
      out.push(warning([...at, 'deployment', 'maximumPercent'], `with minimumHealthyPercent ${minPct}, maximumPercent ${maxPct} leaves no room to start or stop a task during a rolling update`));
    }
  }
  return out;
};

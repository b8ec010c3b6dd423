import { error, warning, type RawIssue } from '../errors/index.js';
import { didYouMean } from '../util/index.js';
import type { Rule } from './parts.js';

/**
 * Listeners, target groups and the services behind them: unique listener
 * ports, every listener's target group defined and attached to exactly one
 * service, and each service's container and port present in its task definition.
 */
export const loadBalancerRule: Rule = ({ loadBalancer, services, allServices }) => {
  const out: RawIssue[] = [];
  const groups = loadBalancer ? Object.keys(loadBalancer.targetGroups) : undefined;
  const attached = new Map<string, string>();

  for (const [key, s] of services) {
    if (!s.loadBalancer) continue;
    const at = ['services', key, 'loadBalancer'];
    const { targetGroup, container, containerPort } = s.loadBalancer;
    if (groups && !groups.includes(targetGroup)) {
      out.push(error([...at, 'targetGroup'], unknownGroup(targetGroup, groups)));
    } else if (attached.has(targetGroup)) {
      out.push(error([...at, 'targetGroup'], `target group "${targetGroup}" is already used by services.${attached.get(targetGroup)}; a target group belongs to exactly one service`));
    } else {
      attached.set(targetGroup, key);
    }
    const containers = s.taskDefinition.containers;
    const target = containers.find((c) => c.name === container);
    if (!target) {
      const names = containers.map((c) => c.name);
      const hint = didYouMean(container, names);
      out.push(error([...at, 'container'], `"${container}" is not a container of task definition ${s.taskDefinition.family} (${hint ? `did you mean "${hint}"? ` : ''}containers: ${names.join(', ')})`));
    } else if (!target.portMappings.some((p) => p.containerPort === containerPort)) {
      const ports = target.portMappings.map((p) => p.containerPort);
      out.push(error([...at, 'containerPort'], `container ${container} maps no port ${containerPort} (ports: ${ports.join(', ') || 'none'})`));
    }
  }

  if (!loadBalancer || !groups) return out;
  const ports = new Map<number, number>();
  const listened = new Set<string>();
  loadBalancer.listeners.forEach((l, i) => {
    const at = ['loadBalancer', 'listeners', i];
    const first = ports.get(l.port);
    if (first !== undefined) out.push(error([...at, 'port'], `port ${l.port} is already used by listeners[${first}]`));
    else ports.set(l.port, i);
    listened.add(l.targetGroup);
    if (!groups.includes(l.targetGroup)) out.push(error([...at, 'targetGroup'], unknownGroup(l.targetGroup, groups)));
    else if (allServices && !attached.has(l.targetGroup)) {
      out.push(error([...at, 'targetGroup'], `target group "${l.targetGroup}" is not attached to any service (set services.<name>.loadBalancer.targetGroup)`));
    }
  });
  for (const [name, tg] of Object.entries(loadBalancer.targetGroups)) {
    const at = ['loadBalancer', 'targetGroups', name];
    const hc = tg.healthCheck;
    if (hc.timeoutSeconds >= hc.intervalSeconds) {
      out.push(error([...at, 'healthCheck', 'timeoutSeconds'], `must be less than intervalSeconds (${hc.intervalSeconds}), got ${hc.timeoutSeconds}`));
    }
    if (!listened.has(name)) out.push(warning(at, 'no listener forwards to this target group'));
  }
  return out;
};

function unknownGroup(name: string, groups: readonly string[]): string {
  const hint = didYouMean(name, groups);
  return `target group "${name}" is not defined under loadBalancer.targetGroups (${hint ? `did you mean "${hint}"? ` : ''}defined: ${groups.join(', ') || 'none'})`;
}

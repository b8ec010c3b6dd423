import type { PathSegment } from '../errors/index.js';

/** A path prefix whose rule findings are unreliable; `*` matches any one segment. */
export type Scope = readonly PathSegment[];

export interface Taint {
  readonly scopes: readonly Scope[];
  /** False once a removal may have changed the set of service names, ports or attachments. */
  readonly servicesIntact: boolean;
}

/**
 * What a repair invalidates. Removing a bad value lets its default (or an
 * empty list) stand in, so rules reading that value, or values derived from it,
 * would report problems the user doesn't have. Each removal taints its own path
 * plus the fields listed here that rules derive from it.
 */
export function taintOf(removed: readonly Scope[]): Taint {
  const scopes: Scope[] = [];
  let servicesIntact = true;
  for (const path of removed) {
    scopes.push(path);
    const [root, key, field, sub] = path;
    if (root === 'services' && key !== undefined) {
      const svc = ['services', key];
      if (field === undefined || field === 'taskDefinition' && (sub === undefined || sub === 'containers')) {
        scopes.push([...svc, 'taskDefinition', 'containers'], [...svc, 'loadBalancer'], [...svc, 'serviceConnect']);
        servicesIntact = false;
      } else if (field === 'taskDefinition' && (sub === 'cpu' || sub === 'memory')) {
        scopes.push([...svc, 'taskDefinition', 'cpu'], [...svc, 'taskDefinition', 'memory']);
      } else if (field === 'serviceConnect' || field === 'loadBalancer') {
        servicesIntact = false;
      } else if (field === 'autoscaling' && sub !== 'policies') {
        scopes.push([...svc, 'desiredCount']);
      } else if (field === 'desiredCount') {
        scopes.push([...svc, 'autoscaling'], [...svc, 'deployment']);
      }
    } else if (root === 'loadBalancer') {
      scopes.push(...loadBalancerTaint(path));
    } else if (root === 'network' && (key === undefined || key === 'securityGroups') && (field === undefined || sub === undefined)) {
      // A security group (or all of them) went away: references to it would read as undefined.
      scopes.push(['network', 'securityGroups'], ['loadBalancer', 'securityGroups'], ['services', '*', 'securityGroups']);
    } else if (root === 'region') {
      scopes.push(['network', 'subnets']);
    }
  }
  return { scopes, servicesIntact };
}

/** True when `path` lies within `scope`. */
export function within(scope: Scope, path: readonly PathSegment[]): boolean {
  if (scope.length > path.length) return false;
  return scope.every((s, i) => s === '*' || String(s) === String(path[i]));
}

function loadBalancerTaint(path: Scope): Scope[] {
  const [, key, name, field, setting] = path;
  const serviceRefs: Scope = ['services', '*', 'loadBalancer', 'targetGroup'];
  if (key === undefined) return [['loadBalancer'], serviceRefs];
  // A whole target group gone: listeners and services naming it would read as dangling.
  if (key === 'targetGroups' && field === undefined) return [['loadBalancer', 'listeners'], serviceRefs];
  // No listeners left: every target group would read as unused.
  if (key === 'listeners') return [['loadBalancer', 'targetGroups'], ['loadBalancer', 'listeners']];
  // timeout < interval reads both; a removed one would be compared as its default.
  if (key === 'targetGroups' && field === 'healthCheck' && (setting === undefined || setting === 'intervalSeconds')) {
    return [['loadBalancer', 'targetGroups', name!, 'healthCheck', 'timeoutSeconds']];
  }
  return [];
}

import { error, type PathSegment, type RawIssue } from '../errors/index.js';
import { didYouMean } from '../util/index.js';
import type { Rule } from './parts.js';

/** Every security group named by a service, the load balancer or an ingress rule is defined. */
export const securityGroupsRule: Rule = ({ network, loadBalancer, services }) => {
  if (!network) return [];
  const defined = Object.keys(network.securityGroups);
  const out: RawIssue[] = [];
  const check = (name: string, path: PathSegment[], extra: readonly string[] = []) => {
    if (defined.includes(name)) return;
    const hint = didYouMean(name, [...extra, ...defined]);
    out.push(error(path, `security group "${name}" is not defined under network.securityGroups (${hint ? `did you mean "${hint}"? ` : ''}defined: ${defined.join(', ') || 'none'})`));
  };
  for (const [name, sg] of Object.entries(network.securityGroups)) {
    sg.ingress.forEach((rule, i) => {
      if (rule.from !== 'anywhere') check(rule.from, ['network', 'securityGroups', name, 'ingress', i, 'from'], ['anywhere']);
    });
  }
  loadBalancer?.securityGroups.forEach((name, i) => check(name, ['loadBalancer', 'securityGroups', i]));
  for (const [key, s] of services) s.securityGroups.forEach((name, i) => check(name, ['services', key, 'securityGroups', i]));
  return out;
};

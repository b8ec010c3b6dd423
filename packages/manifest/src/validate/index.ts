import type { RawIssue } from '../errors/index.js';
import { capacityRule } from './capacity.js';
import { containersRule } from './containers.js';
import { environmentRule } from './environment.js';
import { loadBalancerRule } from './load-balancer.js';
import { networkRule } from './network.js';
import type { ManifestParts, Rule } from './parts.js';
import { securityGroupsRule } from './security-groups.js';
import { serviceConnectRule } from './service-connect.js';
import { taskSizeRule } from './task-size.js';
import { uniqueNamesRule } from './unique-names.js';

export type { ManifestParts, Rule } from './parts.js';

/** Every cross-field rule, in no particular order (issues are sorted by position). */
export const RULES: readonly Rule[] = [
  taskSizeRule,
  containersRule,
  uniqueNamesRule,
  serviceConnectRule,
  loadBalancerRule,
  capacityRule,
  securityGroupsRule,
  environmentRule,
  networkRule,
];

export function runRules(parts: ManifestParts, rules: readonly Rule[] = RULES): RawIssue[] {
  return rules.flatMap((rule) => rule(parts));
}

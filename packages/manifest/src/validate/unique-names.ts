import { error, type RawIssue } from '../errors/index.js';
import type { Rule } from './parts.js';

/** ECS service names and task-definition families identify resources: two services cannot share one. */
export const uniqueNamesRule: Rule = ({ services }) => {
  const out: RawIssue[] = [];
  const serviceNames = new Map<string, string>();
  const families = new Map<string, string>();
  for (const [key, s] of services) {
    const owner = serviceNames.get(s.serviceName);
    if (owner) out.push(error(['services', key, 'serviceName'], `"${s.serviceName}" is already the serviceName of services.${owner}`));
    else serviceNames.set(s.serviceName, key);
    const family = families.get(s.taskDefinition.family);
    if (family) out.push(error(['services', key, 'taskDefinition', 'family'], `"${s.taskDefinition.family}" is already the family of services.${family}`));
    else families.set(s.taskDefinition.family, key);
  }
  return out;
};

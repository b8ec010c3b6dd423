import { error, type RawIssue } from '../errors/index.js';
import type { Rule } from './parts.js';

/**
 * Inside one task definition: unique container names, at least one essential
 * container, and unique port names and ports (awsvpc: containers share one
 * network namespace, so the same port twice cannot bind).
 */
export const containersRule: Rule = ({ services }) => {
  const out: RawIssue[] = [];
  for (const [key, s] of services) {
    const at = ['services', key, 'taskDefinition'];
    const containers = s.taskDefinition.containers;
    const names = new Map<string, number>();
    const portNames = new Map<string, string>();
    const ports = new Map<number, string>();
    containers.forEach((c, i) => {
      const first = names.get(c.name);
      if (first !== undefined) out.push(error([...at, 'containers', i, 'name'], `container name "${c.name}" is already used by containers[${first}]`));
      else names.set(c.name, i);
      c.portMappings.forEach((p, j) => {
        const here = `containers[${i}].portMappings[${j}]`;
        if (p.name !== undefined) {
          const prev = portNames.get(p.name);
          if (prev) out.push(error([...at, 'containers', i, 'portMappings', j, 'name'], `port name "${p.name}" is already used by ${prev}`));
          else portNames.set(p.name, here);
        }
        const prev = ports.get(p.containerPort);
        if (prev) out.push(error([...at, 'containers', i, 'portMappings', j, 'containerPort'], `port ${p.containerPort} is already mapped by ${prev} (containers of a task share one network namespace)`));
        else ports.set(p.containerPort, here);
      });
    });
    if (containers.length > 0 && !containers.some((c) => c.essential)) {
      out.push(error([...at, 'containers'], 'at least one container must be essential: true'));
    }
  }
  return out;
};

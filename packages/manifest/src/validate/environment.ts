import { warning, type RawIssue } from '../errors/index.js';
import { resolveServiceConnect } from '../transform/index.js';
import { didYouMean } from '../util/index.js';
import type { Rule } from './parts.js';

/** `http://users:3000`: a single-label host and an optional port. */
const IN_CLUSTER_URL = /^(?:https?|grpc):\/\/([A-Za-z0-9_-]+)(?::(\d+))?(?:[/?#]|$)/;

/**
 * Environment values that look like Service Connect URLs should name a client
 * alias of the stack. A miss is only a warning: the value may point elsewhere,
 * but it is the usual way a typo surfaces as a 503 at runtime.
 */
export const environmentRule: Rule = ({ services, allServices }) => {
  if (!allServices) return [];
  const aliases = new Map<string, number>();
  for (const [, s] of services) {
    for (const e of resolveServiceConnect(s).entries) {
      aliases.set(e.dnsName, e.port);
      if (!aliases.has(e.discoveryName)) aliases.set(e.discoveryName, e.port);
    }
  }
  const out: RawIssue[] = [];
  for (const [key, s] of services) {
    const mode = resolveServiceConnect(s).mode;
    s.taskDefinition.containers.forEach((c, i) => {
      for (const [name, value] of Object.entries(c.environment)) {
        const match = IN_CLUSTER_URL.exec(value);
        if (!match || match[1] === 'localhost') continue;
        const host = match[1]!;
        const path = ['services', key, 'taskDefinition', 'containers', i, 'environment', name];
        const port = aliases.get(host);
        if (port === undefined) {
          const hint = didYouMean(host, aliases.keys());
          out.push(warning(path, `"${value}" names host "${host}", which no service of this stack serves through Service Connect (${hint ? `did you mean "${hint}"? ` : ''}known: ${[...aliases.keys()].join(', ') || 'none'})`));
        } else if (mode === 'disabled') {
          out.push(warning(path, `"${value}" needs Service Connect, but services.${key}.serviceConnect.mode is disabled`));
        } else if (match[2] !== undefined && Number(match[2]) !== port) {
          out.push(warning(path, `"${value}" uses port ${match[2]}, but "${host}" is served on port ${port}`));
        }
      }
    });
  }
  return out;
};

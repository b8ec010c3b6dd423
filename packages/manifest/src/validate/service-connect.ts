import { error, type PathSegment, type RawIssue } from '../errors/index.js';
import { resolveServiceConnect } from '../transform/index.js';
import { didYouMean } from '../util/index.js';
import type { Rule } from './parts.js';

/**
 * Service Connect [aws-fidelity §1]: each portName is a named port mapping of
 * the task definition, client-server serves at least one port, and discovery
 * names and client aliases are unique across the namespace.
 */
export const serviceConnectRule: Rule = ({ services }) => {
  const out: RawIssue[] = [];
  const discovery = new Map<string, string>();
  const aliases = new Map<string, string>();
  for (const [key, s] of services) {
    const at: PathSegment[] = ['services', key, 'serviceConnect'];
    const written = s.serviceConnect?.services;
    const { mode, entries } = resolveServiceConnect(s);
    if (mode === 'client-server' && written !== undefined && written.length === 0) {
      out.push(error([...at, 'services'], 'client-server mode needs at least one entry (or set mode: client-only)'));
    }
    if (mode !== 'client-server' && written !== undefined && written.length > 0) {
      out.push(error([...at, 'services'], `must be empty when mode is ${mode} (only client-server registers names)`));
    }
    const portNames = s.taskDefinition.containers.flatMap((c) => c.portMappings.flatMap((p) => (p.name ? [p.name] : [])));
    entries.forEach((e) => {
      const entryAt: PathSegment[] = e.index === undefined ? [...at] : [...at, 'services', e.index];
      if (!portNames.includes(e.portName)) {
        const hint = didYouMean(e.portName, portNames);
        const known = portNames.length ? `named ports: ${portNames.join(', ')}` : 'no port mapping has a name';
        out.push(error([...entryAt, 'portName'], `"${e.portName}" is not a portMappings name of task definition ${s.taskDefinition.family} (${hint ? `did you mean "${hint}"? ` : ''}${known})`));
      }
      const owner = discovery.get(e.discoveryName);
      if (owner) out.push(error([...entryAt, 'discoveryName'], `discovery name "${e.discoveryName}" is already used by ${owner}; discovery names are unique in the namespace`));
      else discovery.set(e.discoveryName, `services.${key}`);
      // A duplicate discovery name already explains a duplicate default alias: report it once.
      const alias = `${e.dnsName}:${e.port}`;
      const aliasOwner = aliases.get(alias);
      if (aliasOwner && !(owner && e.dnsName === e.discoveryName)) {
        out.push(error([...entryAt, 'dnsName'], `client alias ${alias} is already served by ${aliasOwner}`));
      } else if (!aliasOwner) aliases.set(alias, `services.${key}`);
    });
  }
  return out;
};

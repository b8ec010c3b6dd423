import { DEFAULTS } from '../defaults/index.js';
import type { ServiceConnectServiceSpec } from '../model/stack.js';
import type { ServiceManifest } from '../schema/index.js';

export type ServiceConnectMode = 'client-server' | 'client-only' | 'disabled';

export interface ResolvedServiceConnect {
  readonly mode: ServiceConnectMode;
  /** Entries with every default applied; `index` is the manifest list index when written explicitly. */
  readonly entries: readonly (ServiceConnectServiceSpec & { readonly index?: number })[];
}

/**
 * Service Connect of one service with defaults applied. When `services` is
 * omitted, every named port mapping is served (as the console does), and the
 * mode falls back to client-only when there is nothing to serve.
 */
export function resolveServiceConnect(s: ServiceManifest): ResolvedServiceConnect {
  const named = s.taskDefinition.containers.flatMap((c) => c.portMappings.filter((p) => p.name !== undefined));
  const explicit = s.serviceConnect?.services;
  // A repeated port name is a validation error of its own; serve it once.
  const defaults = [...new Set(named.map((p) => p.name!))].map((portName) => ({ portName, index: undefined }));
  const written = explicit?.map((e, index) => ({ ...e, index })) ?? defaults;
  const mode = s.serviceConnect?.mode ?? (written.length > 0 ? 'client-server' : 'client-only');
  if (mode !== 'client-server') return { mode, entries: [] };
  const entries = written.map((e) => {
    const discoveryName = 'discoveryName' in e && e.discoveryName ? e.discoveryName : e.portName;
    const mapping = named.find((p) => p.name === e.portName);
    return {
      portName: e.portName,
      discoveryName,
      dnsName: ('dnsName' in e && e.dnsName) || discoveryName,
      // 0 only when the port name is unknown, which validation reports.
      port: ('port' in e && e.port) || mapping?.containerPort || 0,
      perRequestTimeoutSeconds: 'perRequestTimeoutSeconds' in e ? e.perRequestTimeoutSeconds : DEFAULTS.perRequestTimeoutSeconds,
      idleTimeoutSeconds: 'idleTimeoutSeconds' in e ? e.idleTimeoutSeconds : DEFAULTS.scIdleTimeoutSeconds,
      ...(e.index === undefined ? {} : { index: e.index }),
    };
  });
  return { mode, entries };
}

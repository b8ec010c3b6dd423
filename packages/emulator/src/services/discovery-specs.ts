import type { ServiceSpec } from '@ecs-twin/manifest';
import type { DiscoveryNameSpec } from '../service-connect/contract.js';

/** The discovery names a service serves through Service Connect (client-server mode only). */
export function discoveryNameSpecs(service: ServiceSpec): DiscoveryNameSpec[] {
  if (service.serviceConnect.mode !== 'client-server') return [];
  return service.serviceConnect.services.map((sc) => ({
    serviceName: service.serviceName,
    discoveryName: sc.discoveryName,
    dnsName: sc.dnsName,
    port: sc.port,
    perRequestTimeoutSeconds: sc.perRequestTimeoutSeconds,
    idleTimeoutSeconds: sc.idleTimeoutSeconds,
  }));
}

import type { EcsPort, NamespacePort, ScalingPort } from './containers.js';
import type { IdentityPort, LogGroupPort, RepositoryPort, RolePort } from './identity-access.js';
import type { LoadBalancerPort, NetworkPort } from './network.js';

export * from './identity-access.js';
export * from './network.js';
export * from './containers.js';

/** Everything the deployer needs from AWS, one port per API. */
export interface AwsPorts {
  readonly identity: IdentityPort;
  readonly roles: RolePort;
  readonly repositories: RepositoryPort;
  readonly logGroups: LogGroupPort;
  readonly network: NetworkPort;
  readonly loadBalancing: LoadBalancerPort;
  readonly ecs: EcsPort;
  readonly namespaces: NamespacePort;
  readonly scaling: ScalingPort;
}

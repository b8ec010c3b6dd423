import type { DiscoveryNameSpec } from '../contract.js';

/** The tutorial's `users` discovery name with ECS's default timeouts: what tests and the latency bench put behind an agent. */
export const USERS_DISCOVERY_NAME: DiscoveryNameSpec = {
  serviceName: 'service-users-ecs',
  discoveryName: 'users',
  dnsName: 'users',
  port: 3000,
  perRequestTimeoutSeconds: 15,
  idleTimeoutSeconds: 300,
};

import type { LoadBalancer, LoadBalancerOptions } from '../load-balancer/contract.js';
import type { ServiceConnect, ServiceConnectMeshOptions } from '../service-connect/contract.js';

/** How the runtime gets its load balancer and Service Connect: injected so tests can pass fakes. */
export interface StackAdapters {
  readonly createLoadBalancer: (options: LoadBalancerOptions) => LoadBalancer;
  /** Absent: no Service Connect (tasks still join a plain network). */
  readonly createServiceConnect?: (options: ServiceConnectMeshOptions) => ServiceConnect;
}

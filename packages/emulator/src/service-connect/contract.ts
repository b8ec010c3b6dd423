// Service Connect as the rest of the emulator sees it. The namespace is a Docker
// network; each discovery name is served by a pair of agent containers (our
// stand-in for the Envoy sidecar) that hold the name as their network alias and
// spread calls over the service's tasks, request by request.
import type { EmitEvent } from '../events/index.js';

export interface ServiceConnectEndpoint {
  /** Task id. */
  readonly id: string;
  /** The task container's IP on the namespace network. */
  readonly address: string;
  /** The container port. */
  readonly port: number;
}

export interface DiscoveryNameSpec {
  readonly serviceName: string;
  readonly discoveryName: string;
  /** Client alias host (`users`): the network alias the agents hold. */
  readonly dnsName: string;
  /** Client alias port the agents listen on (3000). */
  readonly port: number;
  readonly perRequestTimeoutSeconds: number;
  readonly idleTimeoutSeconds: number;
}

export interface ServiceConnectMeshOptions {
  readonly stack: string;
  /** Namespace name (`ecs-tutorial`). */
  readonly namespace: string;
  readonly emit?: EmitEvent;
}

export interface ServiceConnect {
  /** Creates (or finds, by labels) the namespace network. Returns its Docker name. */
  ensureNamespace(): Promise<{ networkName: string }>;
  /** Creates (or finds, and starts again when stopped) the agents of one discovery name. Idempotent. */
  ensureAgent(spec: DiscoveryNameSpec): Promise<void>;
  /** Replaces the endpoint set the agents spread calls over (only running, non-draining tasks). */
  setEndpoints(discoveryName: string, endpoints: readonly ServiceConnectEndpoint[]): Promise<void>;
  /** Removes the agents and the namespace network of this stack (nothing else). */
  remove(): Promise<void>;
}

/** Counters an agent keeps per endpoint (its admin API's GET /endpoints). */
export interface ServiceConnectEndpointStats extends ServiceConnectEndpoint {
  /** Attempts sent to this endpoint (retries included). */
  readonly requests: number;
  readonly successes: number;
  /** Failed connections: refused, reset, timed out. */
  readonly failures: number;
  /** Times outlier detection ejected it. */
  readonly ejections: number;
  /** Epoch ms until which outlier detection keeps it out; undefined when it is in. */
  readonly ejectedUntil?: number;
}

/** The read side, for `status`, the dashboard and tests. DockerServiceConnect implements it too. */
export interface ServiceConnectObserver {
  describeEndpoints(discoveryName: string): Promise<ServiceConnectEndpointStats[]>;
}

// Docker names of what Service Connect creates. Names are for people reading
// `docker ps`; ownership is decided by labels, never by names.

/** The namespace network: `ecs-twin_<stack>_<namespace>`. */
export function namespaceNetworkName(stack: string, namespace: string): string {
  return `ecs-twin_${stack}_${namespace}`;
}

/** The agent of one discovery name: `ecs-twin_<stack>_sc_<discoveryName>`. */
export function agentContainerName(stack: string, discoveryName: string): string {
  return `ecs-twin_${stack}_sc_${discoveryName}`;
}

/** Labels Service Connect adds to the shared set in src/labels. */
export const SC_LABEL = {
  /** On the namespace network: the Cloud Map namespace name it stands for. */
  namespace: 'ecs-twin.namespace',
  /** On helper containers: hash of everything they were created from; a change means re-create. */
  specHash: 'ecs-twin.spec-hash',
} as const;

/** Port of the agents' admin API inside the container (Envoy's conventional admin port). */
export const AGENT_ADMIN_PORT = 9901;

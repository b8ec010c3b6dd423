// Docker names of what Service Connect creates. Names are for people reading
// `docker ps`; ownership is decided by labels, never by names.

/** The namespace network: `ecs-twin_<stack>_<namespace>`. */
export function namespaceNetworkName(stack: string, namespace: string): string {
  return `ecs-twin_${stack}_${namespace}`;
}

/** An agent of one discovery name: `ecs-twin_<stack>_sc_<discoveryName>`, then `..._2` for slot 1 of the pair. */
export function agentContainerName(stack: string, discoveryName: string, slot = 0): string {
  return `ecs-twin_${stack}_sc_${discoveryName}${slot > 0 ? `_${slot + 1}` : ''}`;
}

/** An agent's slot from its labels; agents from before pairs have none: slot 0. */
export function agentSlot(labels: Readonly<Record<string, string>>): number {
  const slot = Number(labels[SC_LABEL.slot] ?? '0');
  return Number.isInteger(slot) && slot >= 0 ? slot : 0;
}

/** Labels Service Connect adds to the shared set in src/labels. */
export const SC_LABEL = {
  /** On the namespace network: the Cloud Map namespace name it stands for. */
  namespace: 'ecs-twin.namespace',
  /** On helper containers: hash of everything they were created from; a change means re-create. */
  specHash: 'ecs-twin.spec-hash',
  /** On agents: which of the discovery name's agents this is (0, 1). */
  slot: 'ecs-twin.agent-slot',
} as const;

/** Port of the agents' admin API inside the container (Envoy's conventional admin port). */
export const AGENT_ADMIN_PORT = 9901;

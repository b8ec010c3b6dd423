// Which agent containers of one discovery name to keep, start or remove, given
// what Docker holds. Pure: DockerServiceConnect carries the plan out.
//
// Each discovery name has `replicas` slots (0, 1, ...), each an agent holding
// the name as its network alias. An agent keeps its slot while it was made from
// the current spec; an outdated one is replaced slot by slot, so the others
// serve meanwhile.

export interface FoundAgent {
  readonly id: string;
  /** Its slot label; agents from before pairs had none and count as slot 0. */
  readonly slot: number;
  readonly specHash: string | undefined;
}

export interface AgentSlotPlan {
  /** Current agents: kept (started again when stopped). */
  readonly keep: ReadonlyArray<{ readonly slot: number; readonly id: string }>;
  /** Slots without a current agent: start one, after removing the outdated agents that hold the slot's name. */
  readonly fill: ReadonlyArray<{ readonly slot: number; readonly replaces: readonly string[] }>;
  /** Outdated agents outside every slot, and extra ones: removed once the slots are filled. */
  readonly remove: readonly string[];
}

export function planAgentSlots(found: readonly FoundAgent[], specHash: string, replicas: number): AgentSlotPlan {
  const keep: Array<{ slot: number; id: string }> = [];
  const fill: Array<{ slot: number; replaces: string[] }> = [];
  const used = new Set<string>();
  for (let slot = 0; slot < replicas; slot++) {
    const inSlot = found.filter((agent) => agent.slot === slot);
    const current = inSlot.find((agent) => agent.specHash === specHash);
    if (current) {
      keep.push({ slot, id: current.id });
      used.add(current.id);
      continue;
    }
    const replaces = inSlot.map((agent) => agent.id);
    for (const id of replaces) used.add(id);
    fill.push({ slot, replaces });
  }
  return { keep, fill, remove: found.filter((agent) => !used.has(agent.id)).map((agent) => agent.id) };
}

import { planAgentSlots } from './agent-slots.js';

describe('planAgentSlots', () => {
  it('starts a pair when there is no agent', () => {
    expect(planAgentSlots([], 'h1', 2)).toEqual({ keep: [], fill: [{ slot: 0, replaces: [] }, { slot: 1, replaces: [] }], remove: [] });
  });

  it('keeps current agents and fills only the empty slot (the other agent was removed)', () => {
    expect(planAgentSlots([{ id: 'a', slot: 0, specHash: 'h1' }], 'h1', 2)).toEqual({
      keep: [{ slot: 0, id: 'a' }],
      fill: [{ slot: 1, replaces: [] }],
      remove: [],
    });
  });

  it('replaces outdated agents in their own slots (their names are taken until removed)', () => {
    const plan = planAgentSlots(
      [
        { id: 'a', slot: 0, specHash: 'old' },
        { id: 'b', slot: 1, specHash: 'h1' },
      ],
      'h1',
      2,
    );
    expect(plan).toEqual({ keep: [{ slot: 1, id: 'b' }], fill: [{ slot: 0, replaces: ['a'] }], remove: [] });
  });

  it('adopts a single agent from before pairs as slot 0 and removes agents past the replica count', () => {
    expect(planAgentSlots([{ id: 'legacy', slot: 0, specHash: 'h1' }], 'h1', 2).keep).toEqual([{ slot: 0, id: 'legacy' }]);
    expect(
      planAgentSlots(
        [
          { id: 'a', slot: 0, specHash: 'h1' },
          { id: 'b', slot: 1, specHash: 'h1' },
        ],
        'h1',
        1,
      ),
    ).toEqual({ keep: [{ slot: 0, id: 'a' }], fill: [], remove: ['b'] });
  });
});

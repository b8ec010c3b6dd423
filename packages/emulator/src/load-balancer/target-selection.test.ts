import type { TargetState } from './contract.js';
import {
  LeastOutstandingRequestsChooser,
  RoundRobinChooser,
  routableTargets,
  type Routable,
} from './target-selection.js';

interface T extends Routable {
  id: string;
  state: TargetState;
  inFlight: number;
}
const t = (id: string, state: TargetState, inFlight = 0): T => ({ id, state, inFlight });
const ids = (list: T[]) => list.map((x) => x.id);

describe('routableTargets', () => {
  it('keeps only healthy targets when there is one', () => {
    expect(ids(routableTargets([t('a', 'healthy'), t('b', 'unhealthy'), t('c', 'initial'), t('d', 'healthy')]))).toEqual(['a', 'd']);
  });

  it('skips draining and unused targets even when healthy ones are missing', () => {
    expect(ids(routableTargets([t('a', 'draining'), t('b', 'unused'), t('c', 'unhealthy')]))).toEqual(['c']);
  });

  it('fails open to every registered target when none is healthy', () => {
    expect(ids(routableTargets([t('a', 'unhealthy'), t('b', 'unhealthy'), t('c', 'initial')]))).toEqual(['a', 'b', 'c']);
  });

  it('is empty with no registered targets (the listener answers 503)', () => {
    expect(routableTargets([])).toEqual([]);
    expect(routableTargets([t('a', 'draining')])).toEqual([]);
  });
});

describe('RoundRobinChooser', () => {
  it('visits each target in turn', () => {
    const chooser = new RoundRobinChooser();
    const list = [t('a', 'healthy'), t('b', 'healthy'), t('c', 'healthy')];
    expect(Array.from({ length: 7 }, () => chooser.choose(list)!.id)).toEqual(['a', 'b', 'c', 'a', 'b', 'c', 'a']);
  });

  it('keeps going when the list shrinks', () => {
    const chooser = new RoundRobinChooser();
    const list = [t('a', 'healthy'), t('b', 'healthy'), t('c', 'healthy')];
    chooser.choose(list);
    chooser.choose(list);
    chooser.choose(list);
    expect(chooser.choose([t('a', 'healthy')])!.id).toBe('a');
  });

  it('returns undefined for an empty list', () => {
    expect(new RoundRobinChooser().choose([])).toBeUndefined();
  });
});

describe('LeastOutstandingRequestsChooser', () => {
  it('picks the target with the fewest in-flight requests', () => {
    const chooser = new LeastOutstandingRequestsChooser();
    const list = [t('a', 'healthy', 5), t('b', 'healthy', 1), t('c', 'healthy', 3)];
    expect(chooser.choose(list)!.id).toBe('b');
    expect(chooser.choose(list)!.id).toBe('b');
  });

  it('rotates between equally loaded targets', () => {
    const chooser = new LeastOutstandingRequestsChooser();
    const list = [t('a', 'healthy'), t('b', 'healthy')];
    expect([chooser.choose(list)!.id, chooser.choose(list)!.id, chooser.choose(list)!.id]).toEqual(['a', 'b', 'a']);
  });
});

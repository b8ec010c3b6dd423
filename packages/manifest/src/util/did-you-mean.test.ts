import { didYouMean, editDistance } from './did-you-mean.js';

describe('didYouMean', () => {
  it.each([
    ['stopTimout', ['stopTimeout', 'essential'], 'stopTimeout'],
    ['wbe', ['api', 'web'], 'web'],
    ['Services', ['services', 'stack'], 'services'],
    ['colour', ['serviceName', 'desiredCount'], undefined],
    ['x', ['y'], 'y'],
    ['ab', [], undefined],
  ])('%s among %j -> %s', (input, candidates, expected) => {
    expect(didYouMean(input, candidates)).toBe(expected);
  });

  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('wbe', 'web')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });
});

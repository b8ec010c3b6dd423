// Two tiers: `unit` (pure logic and in-process servers, no Docker) and
// `integration` (*.int.test.ts, a real Docker engine / moto server, run in band
// because the stacks they start share host ports such as 8000/8001).
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'es6' },
  },
];

const common = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1', '^@ecs-twin/service-kit(/testing)?$': '<rootDir>/packages/services/kit/src$1/index.ts' },
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};

export default {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/packages/**/*.test.ts', '<rootDir>/bench/**/*.test.ts'],
      testPathIgnorePatterns: [...common.testPathIgnorePatterns, '\\.int\\.test\\.ts$'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/packages/**/*.int.test.ts'],
      globalSetup: '<rootDir>/scripts/jest-global-setup.js',
      globalTeardown: '<rootDir>/scripts/jest-global-teardown.js',
    },
  ],
};

// The emulator's floors, bottom up, and the rule between them: a file may import
// from its own floor and the floors below it, never from a floor above, and no
// import circle at any distance (type-only imports count). README.md ("Layers")
// says the same in words; src/layers.test.ts runs dependency-cruiser with this
// file and fails on any violation. A new folder goes on a floor here first.
const src = 'packages/emulator/src/';
const folders = (...names) => `^${src}(${names.join('|')})/`;

/** Bottom up. */
const floors = [
  { name: 'ground', path: [folders('clock', 'labels', 'timing'), `^${src}source-dir\\.ts$`] },
  { name: 'records and adapters', path: [folders('events', 'docker', 'state', 'tasks', 'metrics')] },
  {
    name: 'mechanisms',
    path: [folders('load-balancer', 'service-connect', 'task-metadata', 'scheduler', 'deployments', 'autoscaler', 'logs', 'stress')],
  },
  { name: 'service loop and views', path: [folders('services', 'status')] },
  { name: 'stack', path: [folders('stack-runtime')] },
  { name: 'processes', path: [folders('daemon', 'watch')] },
  { name: 'entry points', path: [folders('cli', 'testing'), `^${src}index\\.ts$`] },
];

const onAFloor = floors.flatMap((f) => f.path);

module.exports = {
  forbidden: [
    { name: 'no-circular', comment: 'An import circle, type-only imports included.', severity: 'error', from: {}, to: { circular: true } },
    ...floors.slice(0, -1).map((floor, i) => ({
      name: `no-upward-from-${floor.name.replace(/\W+/g, '-')}`,
      comment: `${floor.name} imports only from its own floor and below.`,
      severity: 'error',
      from: { path: floor.path },
      to: { path: floors.slice(i + 1).flatMap((f) => f.path) },
    })),
    {
      name: 'on-the-map',
      comment: 'Every emulator file that imports one of its own is on a floor of layers.cjs.',
      severity: 'error',
      from: { path: `^${src}`, pathNot: onAFloor },
      to: { path: `^${src}` },
    },
    { name: 'to-the-map', comment: 'Every emulator file imported is on a floor of layers.cjs.', severity: 'error', from: {}, to: { path: `^${src}`, pathNot: onAFloor } },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['\\.test\\.ts$', 'node_modules'] },
  },
};

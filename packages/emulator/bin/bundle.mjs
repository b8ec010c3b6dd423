// @ts-check
// The command line and the background emulator run from an esbuild bundle of
// their TypeScript: starting through tsx costs ~0.4 s per process (its loader
// hooks resolve and transform hundreds of modules), and `emulate up --detach`
// starts two processes before the first task. The bundle is rebuilt (~0.3 s)
// whenever any file it was built from changed, so editing src/ needs no step.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

/**
 * npm packages left outside the bundle, resolved from the emulator package at run
 * time: the tools that make bundles or run source.
 */
const EXTERNAL_PACKAGES = ['tsx', 'esbuild'];

/**
 * npm packages left outside the bundle but loaded, on first use, from the package
 * that declares them: tar-fs belongs to @ecs-twin/images (image builds only).
 */
const EXTERNAL_FROM_IMPORTER = ['tar-fs'];

/**
 * dockerode loads ssh2 (for ssh:// engines) and gRPC with protobufjs (for BuildKit
 * sessions) as it loads, through two files that each export one function. We use
 * neither on a local engine, and they were 130 of the emulator's ~300 ms of start-up
 * CPU. Those files stay outside the bundle and load on the first call instead;
 * buildkit.js (already required on first use) stays a file because it reads
 * .proto files beside it.
 */
const LOAD_ON_FIRST_CALL = [
  { importer: /[\\/]docker-modem[\\/]lib[\\/]modem\.js$/, request: './ssh' },
  { importer: /[\\/]dockerode[\\/]lib[\\/]docker\.js$/, request: './session' },
];
const LEAVE_AS_FILE = [{ importer: /[\\/]dockerode[\\/]lib[\\/]docker\.js$/, request: './buildkit' }];

/** Builds kept besides the current one: a running emulator may still load lazy chunks of its own build. */
const KEEP_OLD_BUILDS = 4;

/**
 * @typedef {object} BundleSpec
 * @property {string} root       directory the entry points are relative to (the emulator package)
 * @property {Record<string, string>} entryPoints  output name -> source path, relative to root
 * @property {string} outRoot    where builds go (one directory per build, plus current.json)
 */

/**
 * @typedef {object} Bundle
 * @property {string} dir        the build's directory
 * @property {Record<string, string>} entries  output name -> absolute path of the built entry
 * @property {boolean} rebuilt   built by this call (else an up-to-date build was reused)
 */

/**
 * The current build when every input is unchanged since it was made, else a new one.
 * @param {BundleSpec} spec
 * @returns {Promise<Bundle>}
 */
export async function freshBundle(spec) {
  const current = await readCurrent(spec.outRoot);
  if (current && inputsUnchanged(current.inputs)) return { dir: join(spec.outRoot, current.build), entries: entryPaths(spec, current.build), rebuilt: false };
  return build(spec);
}

/**
 * @param {string} outRoot
 * @returns {Promise<{ build: string, inputs: Record<string, { mtimeMs: number, size: number }> } | undefined>}
 */
async function readCurrent(outRoot) {
  try {
    return JSON.parse(await readFile(join(outRoot, 'current.json'), 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Synchronous on purpose: every command pays this check, and ~440 stats in a
 * loop take about half the time of as many promises (2 vs 4-5 ms measured).
 * @param {Record<string, { mtimeMs: number, size: number }>} inputs
 */
function inputsUnchanged(inputs) {
  const entries = Object.entries(inputs);
  return (
    entries.length > 0 &&
    entries.every(([file, seen]) => {
      const now = statSync(file, { throwIfNoEntry: false });
      return now !== undefined && now.mtimeMs === seen.mtimeMs && now.size === seen.size;
    })
  );
}

/**
 * @param {BundleSpec} spec
 * @param {string} buildName
 */
function entryPaths(spec, buildName) {
  return Object.fromEntries(Object.keys(spec.entryPoints).map((name) => [name, join(spec.outRoot, buildName, `${name}.mjs`)]));
}

/**
 * Builds into a directory of its own, then points current.json at it with an
 * atomic rename: two commands building at once both end with a whole build.
 * @param {BundleSpec} spec
 * @returns {Promise<Bundle>}
 */
async function build(spec) {
  const { build: esbuild } = await import('esbuild');
  await mkdir(spec.outRoot, { recursive: true });
  const buildName = `build-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
  const dir = join(spec.outRoot, buildName);
  const entries = entryPaths(spec, buildName);
  const result = await esbuild({
    absWorkingDir: spec.root,
    entryPoints: Object.entries(spec.entryPoints).map(([out, input]) => ({ out, in: input })),
    outdir: dir,
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: `node${process.versions.node.split('.')[0]}`,
    outExtension: { '.js': '.mjs' },
    metafile: true,
    logLevel: 'silent',
    // Bundled CommonJS (yaml) calls require(): give ESM chunks one.
    banner: { js: "import { createRequire as __ecsTwinRequire } from 'node:module'; const require = __ecsTwinRequire(import.meta.url);" },
    define: { __ECS_TWIN_BUNDLE_ENTRIES__: JSON.stringify(entries), __ECS_TWIN_SOURCE_ROOT__: JSON.stringify(join(spec.root, 'src')) },
    plugins: [
      {
        name: 'external-dependencies',
        setup(b) {
          const isOneOf = (/** @type {string[]} */ names, /** @type {string} */ path) => names.some((p) => path === p || path.startsWith(`${p}/`));
          b.onResolve({ filter: /^[^./]/ }, (args) => {
            if (isOneOf(EXTERNAL_PACKAGES, args.path)) return { external: true };
            if (isOneOf(EXTERNAL_FROM_IMPORTER, args.path)) return { path: createRequire(args.importer).resolve(args.path), external: true };
            return undefined;
          });
        },
      },
      {
        name: 'dockerode-optional-parts',
        setup(b) {
          const matches = (/** @type {{ importer: RegExp, request: string }[]} */ rules, /** @type {{ importer: string, path: string }} */ args) =>
            rules.some((r) => r.request === args.path && r.importer.test(args.importer));
          b.onResolve({ filter: /^\.\/(ssh|session|buildkit)$/ }, (args) => {
            const file = join(dirname(args.importer), `${args.path}.js`);
            if (matches(LEAVE_AS_FILE, args)) return { path: file, external: true };
            if (matches(LOAD_ON_FIRST_CALL, args)) return { path: file, namespace: 'load-on-first-call' };
            return undefined;
          });
          // The real file, required by its path when first called.
          b.onResolve({ filter: /.*/, namespace: 'load-on-first-call' }, (args) => ({ path: args.path, external: true }));
          b.onLoad({ filter: /.*/, namespace: 'load-on-first-call' }, (args) => ({
            loader: 'js',
            contents: `module.exports = function loadOnFirstCall(...args) { return require(${JSON.stringify(args.path)}).apply(this, args); };`,
          }));
        },
      },
    ],
  });
  /** @type {Record<string, { mtimeMs: number, size: number }>} */
  const inputs = {};
  // `<define:...>` and plugin-made (`namespace:path`) inputs have no file; this recipe is an input too.
  const files = [...Object.keys(result.metafile.inputs).filter((i) => !i.startsWith('<') && !/^[a-z-]+:/.test(i)).map((i) => resolve(spec.root, i)), new URL(import.meta.url).pathname];
  for (const file of files) {
    const { mtimeMs, size } = await stat(file);
    inputs[file] = { mtimeMs, size };
  }
  const pointer = join(spec.outRoot, `current.json.${buildName}`);
  await writeFile(pointer, JSON.stringify({ build: buildName, inputs }));
  await rename(pointer, join(spec.outRoot, 'current.json'));
  await pruneOldBuilds(spec.outRoot, buildName);
  return { dir, entries, rebuilt: true };
}

/**
 * @param {string} outRoot
 * @param {string} keep
 */
async function pruneOldBuilds(outRoot, keep) {
  const builds = (await readdir(outRoot)).filter((n) => n.startsWith('build-') && n !== keep);
  const dated = await Promise.all(builds.map(async (n) => ({ n, t: (await stat(join(outRoot, n))).mtimeMs })));
  dated.sort((a, b) => b.t - a.t);
  await Promise.all(dated.slice(KEEP_OLD_BUILDS).map(({ n }) => rm(join(outRoot, n), { recursive: true, force: true })));
}

/**
 * A built entry's path; throws if the spec has no such entry point.
 * @param {Bundle} bundle
 * @param {string} name
 */
export function entryOf(bundle, name) {
  const entry = bundle.entries[name];
  if (!entry) throw new Error(`the bundle has no entry point named ${name}`);
  return entry;
}

/** The emulator's own bundle: the command line and the background emulator. */
export const emulatorBundle = (() => {
  const root = resolve(new URL('..', import.meta.url).pathname);
  /** @type {BundleSpec} */
  const spec = {
    root,
    entryPoints: { 'cli/main': 'src/cli/main.ts', 'daemon/daemon-main': 'src/daemon/daemon-main.ts' },
    outRoot: join(root, 'dist', 'bundle'),
  };
  return spec;
})();

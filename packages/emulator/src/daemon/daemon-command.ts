import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Set by bin/bundle.mjs (esbuild `define`) in a bundled build: output name -> built entry. */
declare const __ECS_TWIN_BUNDLE_ENTRIES__: Record<string, string> | undefined;

/** The emulator's entry and the Node flags it needs: the bundled one when we run bundled, else the source through tsx. */
export function daemonCommand(): string[] {
  if (typeof __ECS_TWIN_BUNDLE_ENTRIES__ !== 'undefined') return [__ECS_TWIN_BUNDLE_ENTRIES__['daemon/daemon-main']!];
  return [...loaderArgs(), fileURLToPath(new URL('./daemon-main.ts', import.meta.url))];
}

/**
 * V8 flags of the control loops. Starting many tasks allocates fast (health
 * probes, stats streams, Docker calls), and V8 grows the young generation for it
 * (up to 2 x 16 MiB on Node 20) and keeps it once the boots are over: RSS that
 * looked like a cost per task (+1.4 MiB per idle task, against ~0.13 MiB of live
 * data). 1 MiB semi-spaces mean more scavenges, cheap ones (few survivors): the
 * capacity bench measured +0.6-0.9 MiB per task, for +0.3-0.6 % of a core at 30
 * tasks (bench/emulator/README.md, "Many tasks on a small machine").
 */
export const CONTROL_LOOPS_V8_FLAGS = ['--max-semi-space-size=1'];

/** The supervisor's child: the same entry in its other role. */
export function controlLoopsCommand(): string[] {
  return [...CONTROL_LOOPS_V8_FLAGS, ...daemonCommand(), '--control-loops'];
}

/** Node flags that let a child run our TypeScript: the parent's own (tsx), else tsx's loader. */
function loaderArgs(): string[] {
  if (process.execArgv.some((a) => a.includes('tsx'))) return process.execArgv.filter((a) => !a.startsWith('--inspect'));
  const tsx = createRequire(import.meta.url).resolve('tsx');
  return ['--import', pathToFileURL(tsx).href];
}

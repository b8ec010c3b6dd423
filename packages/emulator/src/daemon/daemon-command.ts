import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Set by bin/bundle.mjs (esbuild `define`) in a bundled build: output name -> built entry. */
declare const __ECS_TWIN_BUNDLE_ENTRIES__: Record<string, string> | undefined;

/** The emulator's entry and the Node flags it needs: the bundled one when we run bundled, else the source through tsx. */
export function daemonCommand(): string[] {
  if (typeof __ECS_TWIN_BUNDLE_ENTRIES__ !== 'undefined') return [__ECS_TWIN_BUNDLE_ENTRIES__['daemon/daemon-main']!];
  return [...loaderArgs(), fileURLToPath(new URL('./daemon-main.ts', import.meta.url))];
}

/** The supervisor's child: the same entry in its other role. */
export function controlLoopsCommand(): string[] {
  return [...daemonCommand(), '--control-loops'];
}

/** Node flags that let a child run our TypeScript: the parent's own (tsx), else tsx's loader. */
function loaderArgs(): string[] {
  if (process.execArgv.some((a) => a.includes('tsx'))) return process.execArgv.filter((a) => !a.startsWith('--inspect'));
  const tsx = createRequire(import.meta.url).resolve('tsx');
  return ['--import', pathToFileURL(tsx).href];
}

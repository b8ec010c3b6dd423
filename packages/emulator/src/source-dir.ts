import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Set by bin/bundle.mjs (esbuild `define`) in a bundled build: the absolute path of this src/ directory. */
declare const __ECS_TWIN_SOURCE_ROOT__: string | undefined;

// Some of our sources are not modules but files copied into helper images (the
// Service Connect agent, the metadata endpoint). Found relative to this file when
// running from source; a bundle's import.meta.url is its chunk, so it is told.
const SOURCE_ROOT = typeof __ECS_TWIN_SOURCE_ROOT__ !== 'undefined' ? __ECS_TWIN_SOURCE_ROOT__ : fileURLToPath(new URL('./', import.meta.url));

/** A path inside the emulator's src/ directory, e.g. `service-connect/agent/`. */
export function emulatorSourcePath(relativePath: string): string {
  return join(SOURCE_ROOT, relativePath);
}

import { join } from 'node:path';

/** Absolute paths the manifest tests read; resolved from this file so jest's cwd doesn't matter. */
export const packageDir = join(import.meta.dirname, '..', '..');
export const repoRoot = join(packageDir, '..', '..');
export const testdata = (...parts: string[]) => join(packageDir, 'testdata', ...parts);

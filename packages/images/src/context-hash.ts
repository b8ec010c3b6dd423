import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, readdir, readlink } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

export interface HashOptions {
  /** Relative paths (posix separators) to leave out, with everything below them. */
  readonly ignore?: (relativePath: string) => boolean;
  /** Extra strings folded into the hash (base image id, builder version...). */
  readonly extra?: readonly string[];
}

/**
 * sha256 over a directory tree: paths, types, executable bits, symlink targets
 * and file contents, in sorted order. Timestamps and owners are left out on
 * purpose, so re-staging unchanged code gives the same hash.
 */
export async function hashDirectory(root: string, options: HashOptions = {}): Promise<string> {
  const hash = createHash('sha256');
  for (const value of options.extra ?? []) hash.update(`X ${value}\n`);
  await walk(root, root, hash, options.ignore ?? (() => false));
  return hash.digest('hex');
}

async function walk(root: string, dir: string, hash: Hash, ignore: (p: string) => boolean): Promise<void> {
  const names = (await readdir(dir)).sort();
  for (const name of names) {
    const path = join(dir, name);
    const rel = relative(root, path).split(sep).join('/');
    if (ignore(rel)) continue;
    const stat = await lstat(path);
    if (stat.isSymbolicLink()) {
      hash.update(`L ${rel} ${await readlink(path)}\n`);
    } else if (stat.isDirectory()) {
      hash.update(`D ${rel}\n`);
      await walk(root, path, hash, ignore);
    } else if (stat.isFile()) {
      hash.update(`F ${rel} ${stat.mode & 0o111 ? 'x' : '-'} ${stat.size}\n`);
      await hashFile(path, hash);
    }
  }
}

function hashFile(path: string, hash: Hash): Promise<void> {
  return new Promise((resolve, reject) => {
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve())
      .on('error', reject);
  });
}

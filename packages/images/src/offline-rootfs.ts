import { execFile } from 'node:child_process';
import { chmod, chown, copyFile, mkdir, realpath, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Where node lives in the offline base, the same path as in the official node images. */
export const NODE_PATH_IN_IMAGE = '/usr/local/bin/node';
/** uid/gid of the `node` user, as in the official node images. */
export const NODE_UID = 1000;

export interface RootfsPlan {
  /** Host file -> path inside the image (copied with symlinks resolved). */
  readonly copies: readonly { readonly from: string; readonly to: string; readonly mode: number }[];
  readonly texts: readonly { readonly to: string; readonly content: string }[];
  readonly dirs: readonly { readonly path: string; readonly mode: number; readonly uid: number }[];
}

/**
 * Absolute library paths from `ldd` output, the dynamic loader included
 * ("libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x...)", "/lib64/ld-linux-x86-64.so.2 (0x...)").
 * The vDSO has no file; a "not found" library makes the image unusable, so it throws.
 */
export function parseLdd(output: string): string[] {
  const paths: string[] = [];
  for (const raw of output.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('linux-vdso') || line.startsWith('linux-gate')) continue;
    if (line.includes('=> not found')) throw new Error(`ldd: ${line}`);
    if (line.includes('statically linked')) continue;
    const match = /=>\s*(\/\S+)/.exec(line) ?? /^(\/\S+)/.exec(line);
    if (match?.[1]) paths.push(match[1]);
  }
  return [...new Set(paths)];
}

/** The smallest filesystem that runs node as the `node` user: no shell, no package manager. */
export function planNodeRootfs(input: { nodeBinary: string; libraries: readonly string[]; caBundle?: string }): RootfsPlan {
  return {
    copies: [
      { from: input.nodeBinary, to: NODE_PATH_IN_IMAGE, mode: 0o755 },
      ...input.libraries.map((lib) => ({ from: lib, to: lib, mode: 0o755 })),
      ...(input.caBundle ? [{ from: input.caBundle, to: '/etc/ssl/certs/ca-certificates.crt', mode: 0o644 }] : []),
    ],
    texts: [
      { to: '/etc/passwd', content: `root:x:0:0:root:/root:/usr/sbin/nologin\nnode:x:${NODE_UID}:${NODE_UID}::/home/node:/usr/sbin/nologin\n` },
      { to: '/etc/group', content: `root:x:0:\nnode:x:${NODE_UID}:\n` },
      // /etc/hosts first, so Docker's network aliases (users, products) and localhost resolve as usual.
      { to: '/etc/nsswitch.conf', content: 'passwd: files\ngroup: files\nhosts: files dns\n' },
    ],
    dirs: [
      { path: '/tmp', mode: 0o1777, uid: 0 },
      { path: '/root', mode: 0o700, uid: 0 },
      { path: '/home/node', mode: 0o755, uid: NODE_UID },
    ],
  };
}

/** Reads the host: the node binary, what `ldd` says it needs, the CA bundle if there is one. */
export async function hostNodeRootfsPlan(nodeBinary = process.execPath): Promise<RootfsPlan> {
  const binary = await realpath(nodeBinary);
  const { stdout } = await run('ldd', [binary]);
  const caBundle = ['/etc/ssl/certs/ca-certificates.crt', '/etc/pki/tls/certs/ca-bundle.crt'].find((p) => existsSync(p));
  return planNodeRootfs({ nodeBinary: binary, libraries: parseLdd(stdout), caBundle });
}

/** Materialises a plan under `root` (a fresh temporary directory). */
export async function writeRootfs(root: string, plan: RootfsPlan): Promise<void> {
  for (const dir of plan.dirs) {
    const path = join(root, dir.path);
    await mkdir(path, { recursive: true });
    await chmod(path, dir.mode); // explicit: mkdir's mode is filtered by the umask (1777 would be lost)
    await chown(path, dir.uid, dir.uid).catch(() => undefined); // non-root hosts: leave ownership as is
  }
  for (const copy of plan.copies) {
    const to = join(root, copy.to);
    await mkdir(dirname(to), { recursive: true });
    await copyFile(await realpath(copy.from), to);
    await chmod(to, copy.mode);
  }
  for (const text of plan.texts) {
    const to = join(root, text.to);
    await mkdir(dirname(to), { recursive: true });
    await writeFile(to, text.content, { mode: 0o644 });
  }
}

import { ensureBaseImage, type EnsureBaseImageOptions } from './base-image.js';

export { NODE_PATH_IN_IMAGE } from './offline-rootfs.js';

/**
 * An image that runs node, for helper containers (e.g. Service Connect agents):
 * node is at /usr/local/bin/node and on PATH, both in the official node image and
 * in the offline base; run a script with Cmd ["node", "/path/in/container.js"].
 * The offline base has NO shell: use exec-form commands only. An offline base
 * already here is taken before a pull is tried (see offlineBeforePull).
 */
export async function ensureNodeRuntimeImage(options: EnsureBaseImageOptions = {}): Promise<string> {
  return (await ensureBaseImage({ offlineBeforePull: true, ...options })).name;
}

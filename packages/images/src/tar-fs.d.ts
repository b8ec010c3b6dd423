// tar-fs 3 ships no types; this is the one function the image builder uses.
declare module 'tar-fs' {
  import type { Readable } from 'node:stream';
  export interface PackOptions {
    ignore?: (name: string) => boolean;
    entries?: string[];
    dereference?: boolean;
  }
  export function pack(cwd: string, options?: PackOptions): Readable;
}

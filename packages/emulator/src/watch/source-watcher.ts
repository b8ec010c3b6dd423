import { watch, type FSWatcher } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** Paths under a build context that never trigger a rebuild: dependencies, build output, dotfiles. */
export function isIgnoredSource(relativePath: string): boolean {
  return relativePath.split(/[/\\]/).some((part) => part === 'node_modules' || part === 'dist' || part.startsWith('.'));
}

export interface SourceWatcherOptions {
  readonly root: string;
  /** A changed file (path relative to the root). */
  readonly onChange: (relativePath: string) => void;
  readonly onError?: (error: Error) => void;
}

/**
 * Watches a build context with node's fs.watch (no dependency): the root
 * itself shallowly, and each top-level folder that is not ignored recursively,
 * so node_modules (thousands of folders) is never walked. A folder created at
 * the top later is picked up. Recursive fs.watch works on Linux from Node 20,
 * and natively on macOS and Windows.
 */
export class SourceWatcher {
  private readonly watchers = new Map<string, FSWatcher>();
  private closed = false;

  constructor(private readonly options: SourceWatcherOptions) {}

  async start(): Promise<this> {
    this.add('', false);
    for (const entry of await readdir(this.options.root, { withFileTypes: true })) {
      if (entry.isDirectory() && !isIgnoredSource(entry.name)) this.add(entry.name, true);
    }
    return this;
  }

  close(): void {
    this.closed = true;
    for (const w of this.watchers.values()) w.close();
    this.watchers.clear();
  }

  private add(folder: string, recursive: boolean): void {
    if (this.closed || this.watchers.has(folder)) return;
    const watcher = watch(join(this.options.root, folder), { recursive }, (_event, name) => {
      if (!name) return;
      const rel = folder ? `${folder}/${String(name)}` : String(name);
      if (isIgnoredSource(rel)) return;
      // A new top-level folder: watch it too (readdir would fail for a file: ignore).
      if (!folder) void readdir(join(this.options.root, rel)).then(() => this.add(rel, true), () => undefined);
      this.options.onChange(rel);
    });
    watcher.on('error', (error) => {
      this.watchers.get(folder)?.close();
      this.watchers.delete(folder);
      if (folder) this.options.onError?.(error); // a removed folder ends its watcher; that is not news
    });
    this.watchers.set(folder, watcher);
  }
}

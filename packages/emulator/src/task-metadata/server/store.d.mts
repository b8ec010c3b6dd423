// Types of store.mjs.
export interface V4TaskDocument {
  readonly Containers: ReadonlyArray<{ readonly DockerId: string } & Record<string, unknown>>;
  readonly [field: string]: unknown;
}

export class MetadataStore {
  putTask(taskId: string, task: V4TaskDocument): void;
  removeTask(taskId: string, options?: { keepStats?: boolean }): boolean;
  putStats(taskId: string, containerName: string | undefined, sample: unknown): void;
  toJSON(): { tasks: Record<string, V4TaskDocument> };
  static fromJSON(value: unknown): MetadataStore;
}

export function resolveMetadataPath(store: MetadataStore, method: string, path: string): { status: number; body: unknown };

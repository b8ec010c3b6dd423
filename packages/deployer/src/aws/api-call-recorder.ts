// Counts every AWS command the deployer sends (one per logical call, not per
// retry), so tests can assert "a no-op apply makes zero mutating calls" and the
// bench can report call counts.

export interface ApiCall {
  readonly service: string;
  readonly command: string;
  readonly mutating: boolean;
}

/** Describe*, List*, Get* read; everything else (Create, Put, Register, Tag...) changes something. */
export function isMutating(command: string): boolean {
  return !/^(Describe|List|Get)/.test(command);
}

export class ApiCallRecorder {
  readonly calls: ApiCall[] = [];

  record(service: string, commandName: string): void {
    const command = commandName.replace(/Command$/, '');
    this.calls.push({ service, command, mutating: isMutating(command) });
  }

  get mutating(): ApiCall[] {
    return this.calls.filter((c) => c.mutating);
  }

  reset(): void {
    this.calls.length = 0;
  }

  /** `{ "ecs:CreateService": 2, ... }` */
  counts(filter: (c: ApiCall) => boolean = () => true): Record<string, number> {
    const out: Record<string, number> = {};
    for (const c of this.calls.filter(filter)) out[`${c.service}:${c.command}`] = (out[`${c.service}:${c.command}`] ?? 0) + 1;
    return out;
  }
}

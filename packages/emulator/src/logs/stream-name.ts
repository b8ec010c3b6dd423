import { TwinError } from '@ecs-twin/manifest/twin-error';

/** awslogs stream name: `<prefix>/<container-name>/<task-id>` (e.g. ecs/container-users/1a2b...). */
export function logStreamName(prefix: string, containerName: string, taskId: string): string {
  return `${prefix}/${containerName}/${taskId}`;
}

/** `--since 5m` / `90s` / `2h` / `1d` / an ISO date -> epoch ms. */
export function parseSince(value: string, now: number): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(value.trim());
  if (m) {
    const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 'ms' | 's' | 'm' | 'h' | 'd'];
    return now - Number(m[1]) * unit;
  }
  const at = Date.parse(value);
  if (Number.isNaN(at)) throw new SinceFormatError(value);
  return at;
}

export class SinceFormatError extends TwinError {
  readonly name = 'SinceFormatError';
  constructor(readonly value: string) {
    super(`read --since ${value}: expected a duration such as 30s, 5m, 2h, 1d, or an ISO date`);
  }
}

import type { StackImageResult } from './stack-images.js';
import { imageRef } from '@ecs-twin/manifest/model/image-ref';

/** The summary `pnpm images` prints: service, image, size, cached, seconds. */
export function formatImagesTable(rows: readonly StackImageResult[]): string {
  const header = ['SERVICE', 'IMAGE', 'SIZE', 'CACHED', 'SECONDS'];
  const body = rows.map((r) => [
    r.service,
    imageRef(r),
    `${(r.sizeBytes / 1e6).toFixed(0)} MB`,
    r.cached ? 'yes' : 'no',
    r.seconds.toFixed(1),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]?.length ?? 0)));
  return [header, ...body].map((row) => row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd()).join('\n');
}

import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

// The layer map (README.md, "Layers"; packages/emulator/layers.cjs) checked by
// dependency-cruiser over the emulator's sources, type-only imports included:
// no import from a higher floor, no import circle, no file off the map.

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

interface Violation {
  readonly rule: { readonly name: string };
  readonly from: string;
  readonly to: string;
  readonly cycle?: readonly { readonly name: string }[];
}

async function cruise(): Promise<{ violations: Violation[]; modules: number }> {
  const { stdout } = await promisify(execFile)(
    'node_modules/.bin/depcruise',
    ['packages/emulator/src', '--config', 'packages/emulator/layers.cjs', '--output-type', 'json'],
    { cwd: repoRoot, maxBuffer: 64 * 1024 * 1024 },
  ).catch((error: { stdout?: string }) => {
    // depcruise exits non-zero when it finds violations; its JSON is still on stdout.
    if (error.stdout) return { stdout: error.stdout };
    throw error;
  });
  const result = JSON.parse(stdout) as { summary: { violations: Violation[]; totalCruised: number } };
  return { violations: result.summary.violations, modules: result.summary.totalCruised };
}

describe('the emulator\'s floors', () => {
  it('has no upward import, no import circle and no file off the map', async () => {
    const { violations, modules } = await cruise();
    expect(modules).toBeGreaterThan(100); // it read the sources, not an empty folder
    const lines = violations.map((v) =>
      v.rule.name === 'no-circular' ? `${v.rule.name}: ${[v.from, ...(v.cycle ?? []).map((c) => c.name)].join(' -> ')}` : `${v.rule.name}: ${v.from} -> ${v.to}`,
    );
    expect(lines).toEqual([]);
  }, 60_000);
});

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../testing/index.js';

// A child process prints a 1.2 MB document into a pipe whose reader waits a
// second before reading (`(sleep 1; cat)`), or leaves after 100 bytes (`head -c 100`).
const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx');
const printer = join(repoRoot, 'packages', 'manifest', 'src', 'cli-process', 'testing', 'print-document.ts');
const BYTES = 1_200_000;

/** `printer <mode> | <reader>` in a shell: what the reader got, the printer's stderr and exit code. */
function pipeThrough(mode: 'flushed' | 'exit', reader: string) {
  const script = `"${tsx}" "${printer}" ${mode} ${BYTES} 2>"$ERR" | ${reader}; echo "$\{PIPESTATUS[0]}" >"$CODE"`;
  const dir = mkdtempSync(join(tmpdir(), 'finish-test-'));
  try {
    const result = spawnSync('bash', ['-c', script], {
      encoding: 'utf8',
      maxBuffer: 8 * BYTES,
      timeout: 60_000,
      env: { ...process.env, NODE_OPTIONS: '', ERR: join(dir, 'stderr'), CODE: join(dir, 'code') },
    });
    const read = (name: string) => readFileSync(join(dir, name), 'utf8');
    return { received: result.stdout, stderr: read('stderr'), code: Number(read('code').trim()) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('exitWhenFlushed', () => {
  it('a 1.2 MB document reaches a slow reader whole, and the exit code is kept', () => {
    const { received, stderr, code } = pipeThrough('flushed', '(sleep 1; cat)');
    expect(received.length).toBeGreaterThanOrEqual(BYTES);
    expect(JSON.parse(received).rows).toHaveLength(BYTES / 100);
    expect(stderr).toBe('done\n');
    expect(code).toBe(3);
  });

  it('(the control: a bare process.exit drops what the slow reader had not read yet)', () => {
    const { received, code } = pipeThrough('exit', '(sleep 1; cat)');
    expect(code).toBe(3);
    expect(received.length).toBeLessThan(BYTES);
    expect(() => JSON.parse(received)).toThrow();
  });

  it('a reader that leaves early is no crash: the command finishes and keeps its exit code', () => {
    const { received, stderr, code } = pipeThrough('flushed', 'head -c 100');
    expect(received).toHaveLength(100);
    expect(stderr).toBe('done\n');
    expect(code).toBe(3);
  });
});

// The real entry point, spawned as a user runs it (tsx), plus in-process runs
// of the same `run` for the cases that need no process.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, testdata } from '../testing/index.js';
import { EXIT, type CliIo } from './io.js';
import { run } from './run.js';

const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx');
const main = join(repoRoot, 'packages', 'manifest', 'src', 'cli', 'main.ts');

function spawnCli(...args: string[]) {
  const result = spawnSync(tsx, [main, ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function runCli(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd: repoRoot };
  const code = await run(args, io);
  return { code, stdout, stderr };
}

describe('manifest CLI (spawned)', () => {
  beforeAll(() => expect(existsSync(tsx)).toBe(true));

  it('validate on the repo stack.yaml exits 0 with a one-line summary', () => {
    const { code, stdout, stderr } = spawnCli('validate');
    expect(code).toBe(0);
    expect(stdout).toBe('stack.yaml: valid stack "ecs-tutorial": 2 services (users, products), listeners 8000, 8001\n');
    expect(stderr).toBe('');
  });

  it('validate on a bad manifest exits 2 listing every error and warning, without a stack trace', () => {
    const file = testdata('invalid', 'several-errors.yaml');
    const { code, stdout, stderr } = spawnCli('validate', file);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`${file}:39:7 services.api.taskDefinition.memory: 4096 is not valid with cpu 256 (valid: 512, 1024, 2048)`);
    expect(stderr).toContain(`${file}:46:13 warning: services.api.taskDefinition.containers[0].environment.WEB_URL:`);
    expect(stderr).toContain('invalid manifest: 5 errors, 1 warning');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 on a usage error', () => {
    const { code, stderr } = spawnCli('validat');
    expect(code).toBe(2);
    expect(stderr).toContain('manifest: unknown command "validat"');
    expect(stderr).toContain('Usage: pnpm manifest <command> [file]');
  });
});

describe('manifest CLI (in process)', () => {
  it('validate prints warnings to stderr but still succeeds', async () => {
    const { code, stdout, stderr } = await runCli('validate', testdata('valid', 'warnings-only.yaml'));
    expect(code).toBe(EXIT.ok);
    expect(stdout).toMatch(/valid stack "warned": 1 service \(api\), listeners 8000, 3 warnings\n$/);
    expect(stderr.trim().split('\n')).toHaveLength(3);
  });

  it('print emits the resolved Stack as JSON', async () => {
    const { code, stdout } = await runCli('print');
    expect(code).toBe(EXIT.ok);
    const stack = JSON.parse(stdout);
    expect(stack.services[0].taskDefinition.containers[0].logConfiguration.region).toBe('us-west-1');
  });

  it('schema emits the JSON Schema and takes no file', async () => {
    const ok = await runCli('schema');
    expect(ok.code).toBe(EXIT.ok);
    expect(JSON.parse(ok.stdout).$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect((await runCli('schema', 'stack.yaml')).code).toBe(EXIT.invalid);
  });

  it('compose prints the compose file', async () => {
    const { code, stdout } = await runCli('compose');
    expect(code).toBe(EXIT.ok);
    expect(stdout).toContain('      - 127.0.0.1:8000:3000\n');
  });

  it.each([
    [[], 'missing command'],
    [['validate', 'a.yaml', 'b.yaml'], 'too many arguments for validate: a.yaml b.yaml'],
    [['validate', '--json'], "Unknown option '--json'"],
  ])('usage error %j', async (args, message) => {
    const { code, stderr } = await runCli(...args);
    expect(code).toBe(EXIT.invalid);
    expect(stderr).toContain(message);
  });

  it('a missing file is an invalid manifest (exit 2), not a crash', async () => {
    const { code, stderr } = await runCli('validate', 'does-not-exist.yaml');
    expect(code).toBe(EXIT.invalid);
    expect(stderr).toContain('does-not-exist.yaml:1:1 cannot read manifest: file not found');
  });

  it('--help prints usage on stdout', async () => {
    const { code, stdout } = await runCli('--help');
    expect(code).toBe(EXIT.ok);
    expect(stdout).toContain('Commands:');
  });
});

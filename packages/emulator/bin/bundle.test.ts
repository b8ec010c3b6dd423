import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, utimes, writeFile, mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { emulatorBundle, entryOf, freshBundle, type Bundle, type BundleSpec } from './bundle.mjs';

const EMULATOR_ROOT = fileURLToPath(new URL('..', import.meta.url));

function runNode(file: string, args: string[] = []): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(process.execPath, [file, ...args], { timeout: 20_000 }, (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout.trim()))),
  );
}

describe('freshBundle', () => {
  let root: string;
  let spec: BundleSpec;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'ecs-twin-bundle-'));
    await mkdir(join(root, 'src'));
    await writeFile(join(root, 'src', 'greeting.ts'), "export const greeting: string = 'hello';\n");
    await writeFile(join(root, 'src', 'main.ts'), "import { greeting } from './greeting.js';\nconsole.log(greeting);\n");
    spec = { root, entryPoints: { main: 'src/main.ts' }, outRoot: join(root, 'dist') };
  });

  afterEach(() => rm(root, { recursive: true, force: true }));

  const builds = async () => (await readdir(spec.outRoot)).filter((n) => n.startsWith('build-')).sort();
  const runMain = (bundle: Bundle) => runNode(entryOf(bundle, 'main'));

  it('builds runnable entry points once, then reuses them while no input changed', async () => {
    const first = await freshBundle(spec);
    expect(first.rebuilt).toBe(true);
    await expect(runMain(first)).resolves.toBe('hello');

    const second = await freshBundle(spec);
    expect(second).toEqual({ ...first, rebuilt: false });
    expect(await builds()).toHaveLength(1);
  });

  it('rebuilds when a source file changed, and keeps the previous build for a process still using it', async () => {
    const first = await freshBundle(spec);
    await writeFile(join(root, 'src', 'greeting.ts'), "export const greeting: string = 'hola';\n");

    const second = await freshBundle(spec);
    expect(second.rebuilt).toBe(true);
    expect(second.dir).not.toBe(first.dir);
    await expect(runMain(second)).resolves.toBe('hola');
    await expect(runMain(first)).resolves.toBe('hello');
  });

  it('rebuilds when only the modification time changed (same size)', async () => {
    await freshBundle(spec);
    const later = new Date(Date.now() + 5_000);
    await utimes(join(root, 'src', 'greeting.ts'), later, later);
    expect((await freshBundle(spec)).rebuilt).toBe(true);
  });

  it('rebuilds when an input disappeared', async () => {
    await freshBundle(spec);
    await writeFile(join(root, 'src', 'main.ts'), "console.log('standalone');\n");
    await rm(join(root, 'src', 'greeting.ts'));
    const bundle = await freshBundle(spec);
    expect(bundle.rebuilt).toBe(true);
    await expect(runMain(bundle)).resolves.toBe('standalone');
  });

  it('ends with a whole build when two commands build at once', async () => {
    const [a, b] = await Promise.all([freshBundle(spec), freshBundle(spec)]);
    await expect(runMain(a)).resolves.toBe('hello');
    await expect(runMain(b)).resolves.toBe('hello');
    const current = JSON.parse(await readFile(join(spec.outRoot, 'current.json'), 'utf8')) as { build: string };
    expect([a.dir, b.dir]).toContain(join(spec.outRoot, current.build));
  });

  it('keeps at most four old builds besides the current one', async () => {
    for (let i = 0; i < 7; i++) {
      await writeFile(join(root, 'src', 'greeting.ts'), `export const greeting: string = 'hello ${i}';\n`);
      await freshBundle(spec);
    }
    expect(await builds()).toHaveLength(5);
  });

  it('reports a source that does not compile, and leaves the current build alone', async () => {
    const good = await freshBundle(spec);
    await writeFile(join(root, 'src', 'main.ts'), "import { missing } from './nowhere.js';\nconsole.log(missing);\n");
    await expect(freshBundle(spec)).rejects.toThrow(/nowhere/);
    const current = JSON.parse(await readFile(join(spec.outRoot, 'current.json'), 'utf8')) as { build: string };
    expect(join(spec.outRoot, current.build)).toBe(good.dir);
  });
});

describe("the emulator's recipe", () => {
  let outRoot: string;

  beforeAll(async () => {
    outRoot = await mkdtemp(join(tmpdir(), 'ecs-twin-bundle-probe-'));
  });
  afterAll(() => rm(outRoot, { recursive: true, force: true }));

  it('loads dockerode without ssh2 or gRPC, and loads ssh2 on the first ssh:// call', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const bundle = await freshBundle({ root: EMULATOR_ROOT, entryPoints: { probe: 'bin/testdata/dockerode-probe.mjs' }, outRoot });
    const result = JSON.parse(await runNode(entryOf(bundle, 'probe'), [String(closedPort)])) as { atLoad: number; afterSshCall: number; sshError: string };
    expect(result.atLoad).toBe(0);
    expect(result.afterSshCall).toBeGreaterThan(0);
    expect(result.sshError).toMatch(/ECONNREFUSED/);
  });

  it('builds a command line that runs, and the background emulator it spawns', async () => {
    const bundle = await freshBundle({ ...emulatorBundle, outRoot: join(outRoot, 'emulator') });
    await expect(runNode(entryOf(bundle, 'cli/main'), ['help'])).resolves.toMatch(/^Usage: emulate/);
    // The emulator, started on standby as the launcher starts it, leaves quietly when no orders come.
    const standby = spawn(process.execPath, [entryOf(bundle, 'daemon/daemon-main'), '--standby'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    let stderr = '';
    standby.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    standby.once('spawn', () => setTimeout(() => standby.disconnect(), 300));
    const code = await new Promise<number | null>((resolve) => standby.once('exit', resolve));
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  }, 30_000);
});

import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { isProcessAlive } from '../daemon/daemon-info.js';
import { emulate } from '../deployments/testing/emulate-cli.js';
import { REPO_ROOT, writeTestManifest, type TestManifest } from '../deployments/testing/test-manifest.js';
import { LABEL } from '../labels/index.js';
import { docker, labelled, waitFor } from '../testing/int-helpers.js';

// `pnpm emulate` in the foreground as users run it: through pnpm, in a real
// terminal (a tmux pane), its output piped into a reader that goes away first.
// Ctrl-C and closing the terminal must both stop the stack: nothing of it may
// outlive the emulator. The terminal is a tmux server of this test's own.
const run = promisify(execFile);
const SOCKET = `ecs-twin-it-${process.pid}`;
const tmux = (...args: string[]) => run('tmux', ['-L', SOCKET, '-f', '/dev/null', ...args]);

/** Starts `command` in a new terminal of its own (a detached tmux session named `name`). */
async function inTerminal(name: string, command: string): Promise<void> {
  await tmux('new-session', '-d', '-s', name, '-x', '160', '-y', '40', command);
}

/** Closes the terminal: SIGHUP to the job in it. It is already gone when everything in it exited. */
const closeTerminal = () => tmux('kill-server').catch(() => undefined);

const stackContainers = (stack: string) => labelled('containers', `${LABEL.stack}=${stack}`);
const runningTasks = async (stack: string) =>
  (await docker('ps', '-q', '--filter', `label=${LABEL.stack}=${stack}`, '--filter', `label=${LABEL.role}=task`)).split('\n').filter(Boolean);

/** `pnpm emulate` (foreground up) for the manifest, its output piped into `reader` (or on the terminal). */
function foregroundUp(manifest: TestManifest, reader?: string): string {
  // jest's NODE_OPTIONS would put warnings into the output; the test label lets the teardown find leftovers.
  return `cd ${REPO_ROOT} && env -u NODE_OPTIONS ECS_TWIN_TEST=true pnpm emulate --file ${manifest.file}${reader ? ` 2>&1 | ${reader}` : ''}`;
}

/** Waits for both services' tasks to run under the foreground emulator; returns the emulator's pid. */
async function startedEmulator(manifest: TestManifest): Promise<number> {
  await waitFor('both tasks to run', async () => (await runningTasks(manifest.stackName)).length === 2, 180_000);
  const info = JSON.parse(await readFile(join(manifest.dir, '.ecs-twin', manifest.stackName, 'daemon.json'), 'utf8')) as { pid: number; detached: boolean };
  expect(info.detached).toBe(false);
  expect(isProcessAlive(info.pid)).toBe(true);
  return info.pid;
}

async function expectNothingLeft(manifest: TestManifest, emulatorPid: number): Promise<void> {
  await waitFor('the emulator to stop', () => !isProcessAlive(emulatorPid), 120_000);
  expect(await stackContainers(manifest.stackName)).toEqual([]);
}

describe('pnpm emulate in the foreground, in a terminal', () => {
  const manifests: TestManifest[] = [];

  afterEach(closeTerminal);

  afterAll(async () => {
    for (const m of manifests) await emulate(['down', '--file', m.file], { env: { NODE_OPTIONS: undefined } });
  }, 180_000);

  const newManifest = async (name: string) => {
    const manifest = await writeTestManifest({ stackName: `it-fg-${name}-${process.pid}`, services: { users: { autoscaling: false }, products: { autoscaling: false } } });
    manifests.push(manifest);
    return manifest;
  };
  const logOf = (m: TestManifest) => readFile(join(m.dir, '.ecs-twin', m.stackName, 'daemon.log'), 'utf8');

  it('`| tee log`, Ctrl-C (tee dies with it), then the terminal closed: the stack stops, 0 containers remain', async () => {
    const manifest = await newManifest('tee');
    await inTerminal('tee', foregroundUp(manifest, `tee ${join(manifest.dir, 'up.log')}`));
    const pid = await startedEmulator(manifest);
    await tmux('send-keys', '-t', 'tee', 'C-c');
    await new Promise((r) => setTimeout(r, 500));
    await closeTerminal(); // while the stack is stopping
    await expectNothingLeft(manifest, pid);
    // What could not be printed went to the stack's log.
    expect(await logOf(manifest)).toContain(`Stopped stack ${manifest.stackName}.`);
  }, 420_000);

  it('`| head -1` (the reader gone at start-up), Ctrl-C, then the terminal closed: 0 containers remain', async () => {
    const manifest = await newManifest('head');
    // `head -1` exits after the first line: every later write meets a closed pipe (EPIPE).
    await inTerminal('head', foregroundUp(manifest, 'head -1'));
    const pid = await startedEmulator(manifest);
    await tmux('send-keys', '-t', 'head', 'C-c');
    await new Promise((r) => setTimeout(r, 500));
    await closeTerminal();
    await expectNothingLeft(manifest, pid);
    expect(await logOf(manifest)).toContain(`Stopped stack ${manifest.stackName}.`);
  }, 420_000);

  it('the terminal closed (SIGHUP) alone, piped into tee: the stack stops, 0 containers remain', async () => {
    const manifest = await newManifest('hup');
    await inTerminal('hup', foregroundUp(manifest, `tee ${join(manifest.dir, 'up.log')}`));
    const pid = await startedEmulator(manifest);
    await closeTerminal();
    await expectNothingLeft(manifest, pid);
  }, 420_000);

  it('the terminal closed (SIGHUP) with the output on it: the stack stops, 0 containers remain', async () => {
    const manifest = await newManifest('tty');
    await inTerminal('tty', foregroundUp(manifest));
    const pid = await startedEmulator(manifest);
    await closeTerminal(); // later writes to the hung-up terminal fail with EIO
    await expectNothingLeft(manifest, pid);
  }, 420_000);
});

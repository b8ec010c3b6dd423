import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isProcessAlive } from '../daemon/daemon-info.js';
import { LABEL } from '../labels/index.js';
import { emulate as runEmulate } from '../deployments/testing/emulate-cli.js';
import { docker, get, labelled, TUTORIAL, waitFor } from '../testing/int-helpers.js';

// The command line as users run it, against the real engine: `up --detach`,
// a second `up`, `status --json`, `logs`, SIGKILL of the background emulator
// and re-attach, `down`, and a bad manifest. The manifest is the tutorial's,
// renamed and on free ports so it can run beside other stacks.
process.env.ECS_TWIN_TEST = 'true';
const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
const NAME = `it-cli-${process.pid}`;

/** The CLI as users run it, without jest's NODE_OPTIONS (its warnings would land in stderr). */
const emulate = (args: string[]) => runEmulate(args, { env: { NODE_OPTIONS: undefined } });

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

/** Pids of emulator processes started on standby by the launcher (bin/emulate.mjs). */
async function standbyPids(): Promise<number[]> {
  const ps = await new Promise<string>((resolve, reject) => execFile('ps', ['-eo', 'pid=,args='], (error, out) => (error ? reject(error) : resolve(out))));
  return ps
    .split('\n')
    .filter((line) => line.includes('daemon-main.mjs --standby'))
    .map((line) => Number(line.trim().split(/\s+/)[0]))
    .sort((a, b) => a - b);
}

const daemonInfo = async () => JSON.parse(await readFile(join(dir, '.ecs-twin', NAME, 'daemon.json'), 'utf8')) as { pid: number; supervisorPid: number };
const daemonPid = async () => (await daemonInfo()).pid;
/** The process `up --detach` started (the standby): the supervisor of the control loops. */
const supervisorPid = async () => (await daemonInfo()).supervisorPid;

const taskContainers = async () => (await docker('ps', '-q', '--no-trunc', '--filter', `label=${LABEL.stack}=${NAME}`, '--filter', `label=${LABEL.role}=task`)).split('\n').filter(Boolean).sort();

let dir: string;

describe('emulate CLI against the real engine', () => {
  let file: string;
  let ports: [number, number];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ecs-twin-cli-'));
    ports = [await freePort(), await freePort()];
    const text = (await readFile(join(REPO, 'stack.yaml'), 'utf8'))
      .replace('stack: ecs-tutorial', `stack: ${NAME}`)
      .replaceAll('8000', String(ports[0]))
      .replaceAll('8001', String(ports[1]))
      .replaceAll('context: packages/', `context: ${REPO}packages/`)
      // Without autoscaling, so the counts below do not depend on the host's load.
      .replace(/\n    autoscaling:\n(?:      .*\n)+/g, '\n');
    file = join(dir, 'stack.yaml');
    await writeFile(file, text);
  });

  afterAll(async () => {
    await emulate(['down', '--file', file]);
  }, 120_000);

  it('up --detach returns once both listeners answer; the tutorial calls work', async () => {
    const up = await emulate(['up', '--detach', '--file', file]);
    expect(up.stderr).toContain(`Started stack ${NAME}`);
    expect(up.code).toBe(0);
    expect(up.stdout.trim().split('\n')).toEqual([
      `http://127.0.0.1:${ports[0]}  -> service-users-tg`,
      `http://127.0.0.1:${ports[1]}  -> service-products-tg`,
    ]);
    expect((await get(`http://127.0.0.1:${ports[0]}/service-products`)).body.trimEnd()).toBe(TUTORIAL.products);
    expect((await get(`http://127.0.0.1:${ports[1]}/service-users`)).body.trimEnd()).toBe(TUTORIAL.users);
    // The launcher's standby process took the orders (it supervises the control loops), and they write to the stack's log.
    expect(await standbyPids()).toContain(await supervisorPid());
    expect(await readFile(join(dir, '.ecs-twin', NAME, 'daemon.log'), 'utf8')).toContain(`emulator for stack ${NAME} running (pid ${await daemonPid()})`);
  }, 300_000);

  it('a second up on the running stack changes and restarts nothing, and says so', async () => {
    const before = await taskContainers();
    const again = await emulate(['up', '--detach', '--file', file]);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(new RegExp(`Stack ${NAME} is already running \\(emulator pid \\d+.*nothing changed, nothing restarted`));
    expect(await taskContainers()).toEqual(before);
    // The standby this `up` started got no orders: it is gone once the command is.
    await waitFor('the unused standby emulator to exit', async () => (await standbyPids()).join() === String(await supervisorPid()), 10_000);
  }, 60_000);

  it('status --json uses ECS field names; the table names the services', async () => {
    const json = await emulate(['status', '--json', '--file', file]);
    expect(json.code).toBe(0);
    const status = JSON.parse(json.stdout);
    expect(status).toMatchObject({ stack: NAME, cluster: 'ecs-cluster', emulatorRunning: true, timing: { profile: 'local' } });
    expect(status.services[0]).toMatchObject({
      serviceName: 'service-users-ecs',
      desiredCount: 1,
      runningCount: 1,
      pendingCount: 0,
      taskDefinition: 'service-users-td:1',
      image: 'service-users:v0.0.1',
      deployments: [expect.objectContaining({ status: 'PRIMARY', rolloutState: 'COMPLETED', taskDefinition: 'service-users-td:1', desiredCount: 1, runningCount: 1 })],
    });
    expect(status.services[0].events[0]).toEqual({ createdAt: expect.any(String), message: expect.any(String) });
    expect(status.tasks[0]).toMatchObject({ taskId: expect.stringMatching(/^[0-9a-f]{32}$/), lastStatus: 'RUNNING', healthStatus: 'HEALTHY' });
    expect(status.targetGroups[0]).toMatchObject({ targetGroupName: 'service-users-tg', targets: [expect.objectContaining({ state: 'healthy' })] });
    expect(status.listeners.map((l: { port: number; targetGroupName: string }) => [l.port, l.targetGroupName])).toEqual([
      [ports[0], 'service-users-tg'],
      [ports[1], 'service-products-tg'],
    ]);
    expect(status.autoscaling).toMatchObject({ services: [] });
    const table = await emulate(['status', '--file', file]);
    expect(table.stdout).toMatch(/service-users-ecs\s+1\s+1\s+0\s+service-users-td:1/);
  }, 60_000);

  it('logs prefix every line with the awslogs stream name', async () => {
    await get(`http://127.0.0.1:${ports[0]}/users`);
    const logs = await emulate(['logs', 'service-users-ecs', '--since', '10m', '--file', file]);
    expect(logs.code).toBe(0);
    const lines = logs.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(line).toMatch(/^ecs\/container-users\/[0-9a-f]{32} /);
    expect(logs.stdout).toContain('"path":"/users"');
    expect((await emulate(['logs', 'nope', '--file', file])).code).toBe(1);
  }, 60_000);

  it('after SIGKILL of the whole background emulator (supervisor first, then the control loops), up re-attaches without restarting healthy tasks', async () => {
    const before = await taskContainers();
    const info = await daemonInfo();
    process.kill(info.supervisorPid, 'SIGKILL');
    process.kill(info.pid, 'SIGKILL');
    await waitFor('the emulator to die', () => !isProcessAlive(info.pid) && !isProcessAlive(info.supervisorPid), 10_000);
    expect(await taskContainers()).toEqual(before); // tasks outlive the emulator, as on ECS
    const offline = JSON.parse((await emulate(['status', '--json', '--file', file])).stdout);
    expect(offline.emulatorRunning).toBe(false);

    const up = await emulate(['up', '--detach', '--file', file]);
    expect(up.code).toBe(0);
    expect(await taskContainers()).toEqual(before);
    expect((await get(`http://127.0.0.1:${ports[0]}/service-products`)).body.trimEnd()).toBe(TUTORIAL.products);
    const status = JSON.parse((await emulate(['status', '--json', '--file', file])).stdout);
    expect(status.emulatorRunning).toBe(true);
    expect(status.tasks.filter((t: { lastStatus: string }) => t.lastStatus === 'RUNNING')).toHaveLength(2);
  }, 300_000);

  it('down removes the emulator, the tasks, the agents and the network, and prints them', async () => {
    const info = JSON.parse(await readFile(join(dir, '.ecs-twin', NAME, 'daemon.json'), 'utf8')) as { pid: number };
    const down = await emulate(['down', '--file', file]);
    expect(down.code).toBe(0);
    expect(down.stdout).toContain(`removed emulator process ${info.pid}`);
    expect(down.stdout).toMatch(/removed container .*\(task\)/);
    expect(down.stdout).toMatch(/removed container .*\(service-connect-agent\)/);
    expect(down.stdout).toMatch(/removed network /);
    expect(await labelled('containers', `${LABEL.stack}=${NAME}`)).toEqual([]);
    expect(await labelled('networks', `${LABEL.stack}=${NAME}`)).toEqual([]);
    expect(isProcessAlive(info.pid)).toBe(false);
    expect((await get(`http://127.0.0.1:${ports[0]}/users`, 1000)).status).toBe(0);
  }, 180_000);

  it('an invalid manifest exits 2, prints every issue, and starts nothing', async () => {
    const bad = join(dir, 'bad.yaml');
    const name = `${NAME}-bad`;
    await writeFile(bad, (await readFile(file, 'utf8')).replace(`stack: ${NAME}`, `stack: ${name}`).replace('cpu: 256', 'cpu: 300').replace('desiredCount: 1', 'desiredCount: -1'));
    const up = await emulate(['up', '--detach', '--file', bad]);
    expect(up.code).toBe(2);
    expect(up.stderr).toMatch(/^error: invalid manifest .*bad\.yaml: 2 errors/m);
    expect(up.stderr).toMatch(/bad\.yaml:\d+:\d+ services\.users\.desiredCount/);
    expect(up.stderr).toMatch(/bad\.yaml:\d+:\d+ services\.users\.taskDefinition\.cpu/);
    expect(up.stdout).toBe('');
    expect(await labelled('containers', `${LABEL.stack}=${name}`)).toEqual([]);
    expect(await labelled('networks', `${LABEL.stack}=${name}`)).toEqual([]);
    await waitFor('the unused standby emulator to exit', async () => (await standbyPids()).length === 0, 10_000);
  }, 60_000);
});

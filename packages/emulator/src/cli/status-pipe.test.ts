import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { join } from 'node:path';
import type { AutoscalingSnapshot, PeriodRecord } from '../autoscaler/index.js';
import { startControlServer } from '../daemon/control-server.js';
import { writeDaemonInfo } from '../daemon/daemon-info.js';
import { REPO_ROOT, writeTestManifest, type TestManifest } from '../deployments/testing/test-manifest.js';
import type { StackRuntime } from '../stack-runtime/index.js';
import type { StackStatusView, TaskStatusView } from '../status/index.js';

// `pnpm --silent emulate status --json | <slow reader>` as users run it, against a
// stand-in emulator: this test process serves the control API (the real server) with
// a status document of about 1.6 MB, and its own pid in daemon.json keeps it "alive".
const TASKS = 4000;
const PERIODS = 300; // 15 minutes of 3 s periods

function task(i: number): TaskStatusView {
  return {
    taskId: i.toString(16).padStart(32, '0'),
    serviceName: 'service-users-ecs',
    taskDefinition: 'service-users-td:1',
    lastStatus: 'RUNNING',
    healthStatus: 'HEALTHY',
    createdAt: new Date(0).toISOString(),
    containerId: 'c'.repeat(64),
    hostPort: 30_000 + (i % 1000),
    containers: [{ name: 'container-users', lastStatus: 'RUNNING', essential: true }],
  };
}

function period(i: number): PeriodRecord {
  return { at: i * 3000, cpu: 12.5, memory: 40, desiredCount: 1, runningTasks: 1, alarms: { high: 'OK', low: 'ALARM' } };
}

const autoscaling = {
  timing: { profile: 'local', periodSeconds: 3, highDatapoints: 3, lowDatapoints: 10, scaleOutCooldownSeconds: 15, scaleInCooldownSeconds: 15 },
  services: [{ serviceName: 'service-users-ecs', metrics: Array.from({ length: PERIODS }, (_, i) => period(i)) }],
} as unknown as AutoscalingSnapshot;

function statusView(stack: string): StackStatusView {
  return { stack, cluster: 'ecs-cluster', emulatorRunning: true, pid: process.pid, steady: true, timing: {}, services: [], tasks: Array.from({ length: TASKS }, (_, i) => task(i)), targetGroups: [], listeners: [], autoscaling };
}

/** The command through pnpm, its stdout read by `(sleep 1; cat)`: resolves to what the reader got. */
function statusThroughSlowReader(file: string, ...flags: string[]): Promise<string> {
  const command = `pnpm --silent emulate status --json ${flags.join(' ')} --file "${file}" | (sleep 1; cat)`;
  return new Promise((resolve, reject) =>
    execFile('bash', ['-c', command], { cwd: REPO_ROOT, maxBuffer: 64 * 1024 * 1024, timeout: 120_000, env: { ...process.env, NODE_OPTIONS: '' } }, (error, stdout, stderr) =>
      error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
    ),
  );
}

describe('emulate status --json on a pipe', () => {
  let manifest: TestManifest;
  let server: Server;

  beforeAll(async () => {
    manifest = await writeTestManifest({ stackName: `status-pipe-${process.pid}` });
    const token = randomBytes(16).toString('hex');
    const view = statusView(manifest.stackName);
    const control = await startControlServer({ runtime: {} as StackRuntime, token, status: () => view, onShutdown: () => undefined });
    server = control.server;
    const info = { pid: process.pid, port: control.port, token, startedAt: new Date().toISOString(), file: manifest.file, timing: 'local', detached: true };
    await writeDaemonInfo(join(manifest.dir, '.ecs-twin', manifest.stackName), info);
  });

  afterAll(() => server?.close());

  it('a 1.6 MB document reaches a slow reader whole; the default carries only the latest autoscaling period', async () => {
    const out = await statusThroughSlowReader(manifest.file);
    expect(out.length).toBeGreaterThan(1_000_000);
    const status = JSON.parse(out) as StackStatusView & { autoscaling: AutoscalingSnapshot };
    expect(status.tasks).toHaveLength(TASKS);
    expect(status.autoscaling.services[0]!.metrics).toEqual([period(PERIODS - 1)]);
  }, 120_000);

  it('--history carries every period of the last 15 minutes', async () => {
    const status = JSON.parse(await statusThroughSlowReader(manifest.file, '--history')) as { autoscaling: AutoscalingSnapshot };
    expect(status.autoscaling.services[0]!.metrics).toHaveLength(PERIODS);
  }, 120_000);
});

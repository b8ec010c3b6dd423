import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManifestError } from '../errors/index.js';
import type { ServiceSpec } from '../model/stack.js';
import { repoRoot, testdata } from '../testing/index.js';
import { checkManifest, loadStack, loadStackFromString } from './load-stack.js';

const read = (...parts: string[]) => readFileSync(testdata(...parts), 'utf8');

function thrown(fn: () => unknown): ManifestError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ManifestError) return e;
    throw e;
  }
  throw new Error('expected a ManifestError');
}

describe('loadStack', () => {
  it('loads the tutorial stack.yaml into the golden Stack', async () => {
    const stack = await loadStack(join(repoRoot, 'stack.yaml'));
    const golden = JSON.parse(read('stack.golden.json').replaceAll('<repo>', repoRoot));
    expect(JSON.parse(JSON.stringify(stack))).toEqual(golden);
  });

  it('fills every documented default', () => {
    const stack = loadStackFromString(read('valid', 'defaults.yaml'), testdata('valid', 'defaults.yaml'));
    expect(stack.region).toBe('us-east-1');
    expect(stack.executionRole.trustedService).toBe('ecs-tasks.amazonaws.com');
    expect(stack.network).toMatchObject({ vpc: 'default', assignPublicIp: true, securityGroups: [] });
    expect(stack.loadBalancer).toMatchObject({ scheme: 'internet-facing', idleTimeoutSeconds: 60, securityGroups: [] });
    expect(stack.loadBalancer.listeners).toEqual([{ port: 8000, protocol: 'HTTP', targetGroupName: 'app-tg' }]);
    expect(stack.loadBalancer.targetGroups[0]).toEqual({
      name: 'app-tg', port: 8080, protocol: 'HTTP', targetType: 'ip', deregistrationDelaySeconds: 30, loadBalancingAlgorithm: 'round_robin',
      healthCheck: { path: '/', port: 'traffic-port', intervalSeconds: 30, timeoutSeconds: 5, healthyThresholdCount: 2, unhealthyThresholdCount: 2, matcher: '200' },
    });
    const [app, worker] = stack.services as [ServiceSpec, ServiceSpec];
    expect(app).toMatchObject({
      desiredCount: 1, launchType: 'FARGATE', platformVersion: 'LATEST', securityGroups: [], healthCheckGracePeriodSeconds: 0,
      deployment: { minimumHealthyPercent: 100, maximumPercent: 200, circuitBreaker: { enable: true, rollback: true } },
    });
    expect(app.build).toBeUndefined();
    expect(app.autoscaling).toBeUndefined();
    expect(app.taskDefinition).toMatchObject({
      networkMode: 'awsvpc', requiresCompatibilities: ['FARGATE'], executionRoleName: 'bare-role',
      runtimePlatform: { cpuArchitecture: 'X86_64', operatingSystemFamily: 'LINUX' },
    });
    expect(app.taskDefinition.containers[0]).toEqual({
      name: 'app', image: { repository: 'app', tag: '1.0.0' }, essential: true, environment: {}, stopTimeout: 30,
      portMappings: [{ name: 'http', containerPort: 8080, protocol: 'tcp' }],
      logConfiguration: { logDriver: 'awslogs', group: '/ecs/app-td', region: 'us-east-1', streamPrefix: 'ecs', createGroup: true },
    });
    // Service Connect omitted: every named port is served under its own name.
    expect(app.serviceConnect).toEqual({
      mode: 'client-server', namespace: 'bare',
      services: [{ portName: 'http', discoveryName: 'http', dnsName: 'http', port: 8080, perRequestTimeoutSeconds: 15, idleTimeoutSeconds: 300 }],
    });
    // No named port: the worker can only call others.
    expect(worker.serviceConnect).toEqual({ mode: 'client-only', namespace: 'bare', services: [] });
    expect(worker.taskDefinition.containers[0]!.environment).toEqual({ RETRIES: '3', VERBOSE: 'true' });
  });

  it('resolves build contexts against the manifest directory, not the cwd', () => {
    const dir = mkdtempSync(join(tmpdir(), 'manifest-'));
    const text = read('valid', 'base.yaml').replace('    serviceName: api-svc\n', '    serviceName: api-svc\n    build: { context: ./api, dockerfile: Dockerfile.prod }\n');
    const stack = loadStackFromString(text, join(dir, 'stack.yaml'));
    expect(stack.sourceFile).toBe(join(dir, 'stack.yaml'));
    expect(stack.baseDir).toBe(dir);
    expect(stack.services[0]!.build).toEqual({ context: join(dir, 'api'), dockerfile: 'Dockerfile.prod' });
  });

  it("carries a container's entryPoint and command (exec form) as given, and leaves them out when absent", () => {
    const base = read('valid', 'base.yaml');
    const image = base.match(/^( +)image: .*$/m)!;
    const text = base.replace(image[0], `${image[0]}\n${image[1]}entryPoint: [node]\n${image[1]}command: ["-e", "console.log('hi there')"]`);
    const [api] = loadStackFromString(text, testdata('valid', 'base.yaml')).services;
    expect(api!.taskDefinition.containers[0]).toMatchObject({ entryPoint: ['node'], command: ['-e', "console.log('hi there')"] });
    const [plain] = loadStackFromString(base, testdata('valid', 'base.yaml')).services;
    expect(plain!.taskDefinition.containers[0]).not.toHaveProperty('command');
    expect(plain!.taskDefinition.containers[0]).not.toHaveProperty('entryPoint');
  });

  it('keeps warnings apart: they never fail validation', () => {
    const result = checkManifest(read('valid', 'warnings-only.yaml'), 'warnings-only.yaml');
    expect(result.errors).toEqual([]);
    expect(result.stack?.stack).toBe('warned');
    expect(result.warnings.map((w) => [w.path, w.severity])).toEqual([
      ['loadBalancer.targetGroups.spare-tg', 'warning'],
      ['services.api.taskDefinition.containers[0].environment.SELF_URL', 'warning'],
      ['services.api.taskDefinition.containers[0].environment.OTHER_URL', 'warning'],
    ]);
    const seen: string[] = [];
    const stack = loadStackFromString(read('valid', 'warnings-only.yaml'), 'warnings-only.yaml', {
      onWarnings: (warnings) => seen.push(...warnings.map((w) => w.path)),
    });
    expect(stack.stack).toBe('warned');
    expect(seen).toHaveLength(3);
  });

  it('throws a typed ManifestError carrying every issue and the warnings', () => {
    const error = thrown(() => loadStackFromString(read('invalid', 'several-errors.yaml'), 'several-errors.yaml'));
    expect(error.name).toBe('ManifestError');
    expect(error.file).toBe('several-errors.yaml');
    expect(error.issues).toHaveLength(5);
    expect(error.warnings).toHaveLength(1);
    expect(error.issues[2]).toEqual({
      file: 'several-errors.yaml', line: 39, column: 7, path: 'services.api.taskDefinition.memory',
      message: '4096 is not valid with cpu 256 (valid: 512, 1024, 2048)', severity: 'error',
    });
    expect(error.message.split('\n')[0]).toBe('invalid manifest several-errors.yaml: 5 errors');
    expect(error.hints.length).toBeGreaterThan(0);
  });

  it('turns an unreadable file into a ManifestError, not an fs error', async () => {
    const missing = join(tmpdir(), 'no-such-dir-ecs-twin', 'stack.yaml');
    await expect(loadStack(missing)).rejects.toMatchObject({
      name: 'ManifestError',
      issues: [{ file: missing, line: 1, column: 1, path: '', message: 'cannot read manifest: file not found', severity: 'error' }],
    });
  });

  it('reads from disk exactly what it would parse from a string', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'manifest-'));
    const file = join(dir, 'stack.yaml');
    writeFileSync(file, read('valid', 'base.yaml'));
    expect(await loadStack(file)).toEqual(loadStackFromString(read('valid', 'base.yaml'), file));
  });
});

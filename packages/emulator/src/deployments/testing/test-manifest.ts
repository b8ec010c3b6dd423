// A copy of the repository's stack.yaml for one integration test: its own stack
// name (labels, network, state dir), free listener ports, absolute build
// contexts, and whatever the test changes. Lives in a temp dir with its state.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';

export const REPO_ROOT = fileURLToPath(new URL('../../../../../', import.meta.url));
const MANIFEST = join(REPO_ROOT, 'stack.yaml');

export interface TestManifestOptions {
  /** Unique per test run: `it-deploy-<pid>`. */
  readonly stackName: string;
  /** Per service key: desiredCount, build context, deployment settings, no autoscaling. */
  readonly services?: Readonly<
    Record<
      string,
      { desiredCount?: number; buildContext?: string; imageTag?: string; deployment?: Record<string, unknown>; autoscaling?: false }
    >
  >;
}

export interface TestManifest {
  readonly file: string;
  readonly dir: string;
  readonly stackName: string;
  /** Manifest listener port (8000, 8001) -> the free port written in its place. */
  readonly ports: Readonly<Record<number, number>>;
  url(listener: 8000 | 8001): string;
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

export async function writeTestManifest(options: TestManifestOptions): Promise<TestManifest> {
  const doc = parseDocument(await readFile(MANIFEST, 'utf8'));
  doc.set('stack', options.stackName);
  const ports: Record<number, number> = {};
  const listeners = doc.getIn(['loadBalancer', 'listeners']) as { items: { get(k: string): unknown; set(k: string, v: unknown): void }[] };
  for (const listener of listeners.items) {
    const port = Number(listener.get('port'));
    ports[port] = await freePort();
    listener.set('port', ports[port]);
  }
  // The listeners' security group admits the listener ports: keep it consistent.
  const ingress = doc.getIn(['network', 'securityGroups', 'container-lb-sg', 'ingress']) as { items: { get(k: string): unknown; set(k: string, v: unknown): void }[] };
  for (const rule of ingress.items) {
    const port = Number(rule.get('port'));
    if (ports[port]) rule.set('port', ports[port]);
  }
  const services = doc.get('services') as { items: { key: { value: string }; value: { get(k: string): unknown; getIn?(p: unknown[]): unknown; set(k: string, v: unknown): void; setIn(p: unknown[], v: unknown): void } }[] };
  for (const item of services.items) {
    const key = item.key.value;
    const service = item.value;
    const change = options.services?.[key] ?? {};
    const context = change.buildContext ?? resolve(REPO_ROOT, String((service.get('build') as { get(k: string): unknown }).get('context')));
    service.setIn(['build', 'context'], context);
    if (change.desiredCount !== undefined) service.set('desiredCount', change.desiredCount);
    if (change.imageTag) {
      const image = String(service.getIn?.(['taskDefinition', 'containers', 0, 'image']) ?? '');
      service.setIn(['taskDefinition', 'containers', 0, 'image'], `${image.slice(0, image.lastIndexOf(':'))}:${change.imageTag}`);
    }
    if (change.deployment) service.set('deployment', doc.createNode(change.deployment));
    // A test that holds a task count steady does not want target tracking moving it.
    if (change.autoscaling === false) (service as unknown as { delete(k: string): void }).delete('autoscaling');
  }
  const dir = await mkdtemp(join(tmpdir(), `${options.stackName}-`));
  const file = join(dir, 'stack.yaml');
  await writeFile(file, doc.toString());
  return { file, dir, stackName: options.stackName, ports, url: (listener) => `http://127.0.0.1:${ports[listener]}` };
}

// Test and benchmark kit: small `node -e` containers on a namespace network
// (task stand-ins that answer their own id, one-shot clients), all labelled
// with the stack so cleanup finds them.
import Docker from 'dockerode';
import { stackLabels } from '../../labels/index.js';

/** A Docker client for tests and benchmarks (bench/ has no dockerode of its own). */
export function connectTestDocker(): Docker {
  return new Docker();
}

/** A task stand-in: answers every request with `{"id": ID}` on port 3000. */
export const ID_SERVER_SCRIPT = `
const http = require('http');
const id = process.env.ID;
const server = http.createServer((req, res) => {
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ id, path: req.url }));
});
server.listen(3000, '0.0.0.0');
process.on('SIGTERM', () => process.exit(0));
`;

export interface NodeContainerOptions {
  readonly stack: string;
  readonly name: string;
  readonly image: string;
  readonly script: string;
  readonly networkName?: string;
  readonly env?: Readonly<Record<string, string>>;
  readonly labels?: Readonly<Record<string, string>>;
}

/** Starts a long-running `node -e script` container; returns its id and IP on the network. */
export async function startNodeContainer(docker: Docker, options: NodeContainerOptions): Promise<{ id: string; ip: string }> {
  const container = await docker.createContainer({
    name: options.name,
    Image: options.image,
    Cmd: ['node', '-e', options.script],
    Env: Object.entries(options.env ?? {}).map(([k, v]) => `${k}=${v}`),
    Labels: stackLabels(options.stack, 'task', { ...options.labels }),
    HostConfig: { NetworkMode: options.networkName, Memory: 128 * 1024 * 1024 },
  });
  await container.start();
  const info = await container.inspect();
  const ip = options.networkName
    ? (info.NetworkSettings.Networks[options.networkName]?.IPAddress ?? '')
    : (info.NetworkSettings.Networks.bridge?.IPAddress ?? '');
  return { id: container.id, ip };
}

/**
 * Runs `node -e script` to completion in a fresh container and returns what it
 * printed on stdout (TTY mode: raw output, no multiplexing) and its exit code.
 */
export async function runNodeOnce(
  docker: Docker,
  options: Omit<NodeContainerOptions, 'name'> & { readonly timeoutMs?: number },
): Promise<{ output: string; exitCode: number }> {
  const container = await docker.createContainer({
    Image: options.image,
    Cmd: ['node', '-e', options.script],
    Env: Object.entries(options.env ?? {}).map(([k, v]) => `${k}=${v}`),
    Labels: stackLabels(options.stack, 'task', { 'ecs-twin.test-role': 'client', ...options.labels }),
    Tty: true,
    HostConfig: { NetworkMode: options.networkName },
  });
  try {
    await container.start();
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`client container did not exit within ${options.timeoutMs ?? 120_000} ms`)), options.timeoutMs ?? 120_000).unref(),
    );
    const { StatusCode } = (await Promise.race([container.wait(), timeout])) as { StatusCode: number };
    // As a stream: docker-modem would JSON.parse a buffered body that happens to be JSON.
    const stream = (await container.logs({ stdout: true, stderr: true, follow: true })) as NodeJS.ReadableStream;
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
    return { output: Buffer.concat(chunks).toString('utf8'), exitCode: StatusCode };
  } finally {
    await container.remove({ force: true }).catch(() => undefined);
  }
}

/** The last line of `output` that parses as JSON (clients print one JSON result line). */
export function lastJsonLine<T>(output: string): T {
  const lines = output.split(/\r?\n/).filter((l) => l.trim().startsWith('{') || l.trim().startsWith('['));
  const last = lines.at(-1);
  if (!last) throw new Error(`no JSON line in client output:\n${output}`);
  return JSON.parse(last) as T;
}

/** Removes every container and network of a stack (tests only: they own the whole stack). */
export async function removeStackObjects(docker: Docker, stack: string): Promise<void> {
  const containers = await docker.listContainers({ all: true, filters: { label: [`ecs-twin.stack=${stack}`] } });
  await Promise.all(containers.map((c) => docker.getContainer(c.Id).remove({ force: true, v: true }).catch(() => undefined)));
  const networks = await docker.listNetworks({ filters: { label: [`ecs-twin.stack=${stack}`] } });
  await Promise.all(networks.map((n) => docker.getNetwork(n.Id).remove().catch(() => undefined)));
}

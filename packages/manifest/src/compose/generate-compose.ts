import { relative, sep } from 'node:path';
import { Document } from 'yaml';
import { vcpusOf } from '../model/cpu-units.js';
import { imageRef } from '../model/image-ref.js';
import { mainContainer } from '../model/main-container.js';
import type { ContainerDefinitionSpec, ServiceSpec, Stack } from '../model/stack.js';
import type { ComposeFile, ComposeService } from './compose-model.js';

export interface ComposeOptions {
  /** Directory the compose file will be written to; build contexts are made relative to it. */
  readonly outputDir: string;
}

/**
 * Labels on everything compose creates. Deliberately not `ecs-twin.stack`: the
 * emulator finds (and `emulate down` removes) its objects by that label, and it
 * must never adopt or remove what compose made.
 */
export const composeLabels = (stack: Stack, service?: ServiceSpec): Record<string, string> => ({
  'ecs-twin.compose-stack': stack.stack,
  ...(service ? { 'ecs-twin.service': service.key } : {}),
  'ecs-twin.source': 'compose',
});

/**
 * A single-replica Docker Compose view of the stack: same images, environment,
 * limits and Service Connect names; listeners become 127.0.0.1 port bindings
 * (no load balancer, health routing or autoscaling: that is `pnpm emulate`).
 */
export function generateCompose(stack: Stack, options: ComposeOptions): ComposeFile {
  const network = stack.serviceConnect.namespace;
  const services: Record<string, ComposeService> = {};
  for (const service of stack.services) {
    const containers = service.taskDefinition.containers;
    const nameOf = (c: ContainerDefinitionSpec) => (containers.length > 1 ? `${service.key}-${c.name}` : service.key);
    const main = mainContainer(service, service.taskDefinition);
    services[nameOf(main)] = toComposeService(stack, service, main, main, options);
    for (const container of containers.filter((c) => c !== main)) {
      // awsvpc: a task's containers share one network namespace (localhost, IP, names).
      const { networks: _own, ...sidecar } = toComposeService(stack, service, container, main, options);
      services[nameOf(container)] = { ...sidecar, network_mode: `service:${nameOf(main)}`, depends_on: [nameOf(main)] };
    }
  }
  return {
    // File format 2.4, not the newer spec's top-level `name`: it is the newest
    // format that both Debian's docker-compose v1 and Compose v2 read, and it
    // keeps `cpus`/`mem_limit`. The project name is given with `-p`.
    version: '2.4',
    services,
    networks: { [network]: { labels: composeLabels(stack) } },
  };
}

function toComposeService(
  stack: Stack,
  service: ServiceSpec,
  container: ContainerDefinitionSpec,
  main: ContainerDefinitionSpec,
  options: ComposeOptions,
): ComposeService {
  const td = service.taskDefinition;
  // The main container answers for the whole task: its sidecars' ports are in its namespace.
  const taskPorts = container === main ? td.containers : [container];
  const ownPorts = new Set(taskPorts.flatMap((c) => c.portMappings.map((p) => p.name)).filter((n) => n !== undefined));
  const aliases = unique(
    service.serviceConnect.services.filter((e) => ownPorts.has(e.portName)).flatMap((e) => [e.discoveryName, e.dnsName]),
  );
  const ports = publishedPorts(stack, service, container);
  const env = container.environment;
  const hc = container.healthCheck;
  return {
    image: imageRef(container.image),
    ...(service.build && container === main
      ? { build: { context: relativePath(options.outputDir, service.build.context), dockerfile: service.build.dockerfile } }
      : {}),
    ...(Object.keys(env).length > 0 ? { environment: escapeInterpolation(env) } : {}),
    ...(container.entryPoint ? { entrypoint: container.entryPoint.map(escapeDollars) } : {}),
    ...(container.command ? { command: container.command.map(escapeDollars) } : {}),
    // Fargate task size is a hard limit for the whole task [aws-fidelity §5].
    cpus: vcpusOf(td.cpu),
    mem_limit: `${td.memory}m`,
    stop_grace_period: `${container.stopTimeout}s`,
    restart: container.essential ? 'unless-stopped' : 'no',
    ...(hc
      ? {
          healthcheck: {
            test: hc.command,
            interval: `${hc.intervalSeconds}s`,
            timeout: `${hc.timeoutSeconds}s`,
            retries: hc.retries,
            start_period: `${hc.startPeriodSeconds}s`,
          },
        }
      : {}),
    ...(ports.length > 0 ? { ports } : {}),
    networks: { [stack.serviceConnect.namespace]: aliases.length > 0 ? { aliases } : {} },
    labels: composeLabels(stack, service),
  };
}

/** `127.0.0.1:<listener port>:<container port>` for each listener that reaches this container. */
function publishedPorts(stack: Stack, service: ServiceSpec, container: ContainerDefinitionSpec): string[] {
  const lb = service.loadBalancer;
  if (!lb || lb.containerName !== container.name) return [];
  return stack.loadBalancer.listeners
    .filter((l) => l.targetGroupName === lb.targetGroupName)
    .map((l) => `127.0.0.1:${l.port}:${lb.containerPort}`);
}

function relativePath(from: string, to: string): string {
  const rel = relative(from, to).split(sep).join('/');
  return rel === '' ? '.' : rel.startsWith('.') ? rel : `./${rel}`;
}

/** Compose interpolates `$VAR` in values; ECS does not, so a literal `$` is written as `$$`. */
function escapeInterpolation(env: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, escapeDollars(v)]));
}

/** Compose interpolates `$VAR` in every value; ECS passes the text as it is. */
function escapeDollars(value: string): string {
  return value.replaceAll('$', '$$$$');
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/** The compose file as YAML text, with a header saying where it comes from. */
export function composeYaml(compose: ComposeFile, sourceName: string): string {
  // YAML 1.1 rules, as docker-compose v1 (PyYAML) reads them: `no`, `yes`, `on`
  // are booleans there, so such strings (restart: "no") get quoted.
  const doc = new Document(compose, { version: '1.1' });
  doc.commentBefore =
    ` Generated from ${sourceName} by \`pnpm manifest compose\`: do not edit by hand.\n` +
    ' One replica per service, listeners bound to 127.0.0.1; no load balancer or autoscaling (use `pnpm emulate`).';
  return doc.toString({ lineWidth: 0 });
}

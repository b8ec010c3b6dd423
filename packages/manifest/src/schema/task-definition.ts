import * as z from 'zod';
import { DEFAULTS } from '../defaults/index.js';
import { awsName, bool, envValue, imageRef, intRange, port, scName, text } from './primitives.js';

export const portMappingSchema = z.strictObject({
  name: scName().optional().meta({ description: 'Service Connect port name.' }),
  containerPort: port(),
  protocol: z.literal('tcp', { error: 'must be "tcp"' }).default(DEFAULTS.portProtocol),
  appProtocol: z.enum(['http', 'http2', 'grpc'], { error: 'must be "http", "http2" or "grpc"' }).optional(),
});

export const loggingSchema = z.strictObject({
  group: text().optional().meta({ description: 'awslogs-group. Default: /ecs/<family>.' }),
  streamPrefix: text().default(DEFAULTS.logStreamPrefix).meta({ description: 'awslogs-stream-prefix.' }),
  region: text().optional().meta({ description: "awslogs-region. Default: the stack's region." }),
  createGroup: bool().default(DEFAULTS.logCreateGroup),
});

/** An exec-form argument list, as ECS's entryPoint and command take it (no shell is implied). */
function commandLine(example: string) {
  return z
    .array(z.string({ error: 'must be a string' }), { error: `must be a list such as ${example}` })
    .min(1, { error: 'must not be empty' })
    .optional();
}

const chc = DEFAULTS.containerHealthCheck;
export const containerHealthCheckSchema = z.strictObject({
  command: z
    .array(z.string({ error: 'must be a string' }), { error: 'must be a list such as ["CMD-SHELL", "curl -f http://localhost:3000/ || exit 1"]' })
    .min(1, { error: 'must not be empty' }),
  intervalSeconds: intRange(5, 300).default(chc.intervalSeconds),
  timeoutSeconds: intRange(2, 120).default(chc.timeoutSeconds),
  retries: intRange(1, 10).default(chc.retries),
  startPeriodSeconds: intRange(0, 300).default(chc.startPeriodSeconds),
});

export const containerSchema = z.strictObject({
  name: awsName(),
  image: imageRef(),
  essential: bool().default(DEFAULTS.essential),
  portMappings: z.array(portMappingSchema, { error: 'must be a list of {name, containerPort}' }).default([]),
  environment: z
    .record(
      z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: 'must be an environment variable name ([A-Za-z_][A-Za-z0-9_]*)' }),
      envValue(),
      { error: 'must be a map of NAME: value' },
    )
    .default({}),
  logging: loggingSchema.prefault({}),
  entryPoint: commandLine('["node", "dist/main.js"]').meta({ description: "Replaces the image's ENTRYPOINT (ECS entryPoint)." }),
  command: commandLine('["node", "dist/main.js"]').meta({ description: "Replaces the image's CMD (ECS command)." }),
  stopTimeout: intRange(2, 120).default(DEFAULTS.stopTimeout).meta({ description: 'Seconds between SIGTERM and SIGKILL.' }),
  healthCheck: containerHealthCheckSchema.optional(),
});

export const taskDefinitionSchema = z.strictObject({
  family: awsName(),
  cpu: z.int({ error: 'must be Fargate CPU units: 256, 512, 1024, 2048, 4096, 8192 or 16384' }).meta({
    description: 'CPU units (256 = 0.25 vCPU): 256, 512, 1024, 2048, 4096, 8192 or 16384.',
  }),
  memory: z.int({ error: 'must be an integer number of MiB' }).meta({ description: 'MiB; must pair with cpu.' }),
  networkMode: z.literal('awsvpc', { error: 'must be "awsvpc" (Fargate)' }).default(DEFAULTS.networkMode),
  requiresCompatibilities: z
    .tuple([z.literal('FARGATE')], { error: 'must be ["FARGATE"]' })
    .default(['FARGATE']),
  runtimePlatform: z
    .strictObject({
      cpuArchitecture: z.enum(['X86_64', 'ARM64'], { error: 'must be "X86_64" or "ARM64"' }).default('X86_64'),
      operatingSystemFamily: z.literal('LINUX', { error: 'must be "LINUX"' }).default('LINUX'),
    })
    .prefault({}),
  executionRole: awsName(64).optional().meta({ description: "Execution role name. Default: the stack's executionRole.name." }),
  containers: z
    .array(containerSchema, { error: 'must be a list of containers' })
    .min(1, { error: 'must list at least one container' }),
});

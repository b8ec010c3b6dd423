import * as z from 'zod';
import { DEFAULTS } from '../defaults/index.js';
import { awsName, bool, intRange, port, scName, text } from './primitives.js';
import { taskDefinitionSchema } from './task-definition.js';

export const serviceConnectServiceSchema = z.strictObject({
  portName: scName().meta({ description: 'A portMappings[].name of this task definition.' }),
  discoveryName: scName().optional().meta({ description: 'Default: portName.' }),
  dnsName: z
    .string({ error: 'must be a string' })
    .regex(/^[a-z0-9]([a-z0-9.-]{0,125}[a-z0-9])?$/, { error: 'must be a DNS name of at most 127 characters' })
    .optional()
    .meta({ description: 'Client alias host. Default: discoveryName.' }),
  port: port().optional().meta({ description: "Client alias port. Default: the port mapping's containerPort." }),
  perRequestTimeoutSeconds: intRange(0, 3600).default(DEFAULTS.perRequestTimeoutSeconds),
  idleTimeoutSeconds: intRange(0, 3600 * 24).default(DEFAULTS.scIdleTimeoutSeconds),
});

export const serviceConnectSchema = z.strictObject({
  mode: z
    .enum(['client-server', 'client-only', 'disabled'], { error: 'must be "client-server", "client-only" or "disabled"' })
    .optional()
    .meta({ description: 'Default: "client-server" (or "client-only" when no port mapping is named).' }),
  services: z.array(serviceConnectServiceSchema, { error: 'must be a list of {portName, ...}' }).optional(),
});

export const serviceLoadBalancerSchema = z.strictObject({
  targetGroup: text(),
  container: text(),
  containerPort: port(),
});

export const deploymentSchema = z.strictObject({
  minimumHealthyPercent: intRange(0, 100).default(DEFAULTS.minimumHealthyPercent),
  maximumPercent: intRange(100, 200).default(DEFAULTS.maximumPercent),
  circuitBreaker: z
    .strictObject({
      enable: bool().default(DEFAULTS.circuitBreaker.enable),
      rollback: bool().default(DEFAULTS.circuitBreaker.rollback),
    })
    .prefault({}),
});

export const scalingPolicySchema = z.strictObject({
  name: awsName(),
  metric: z.enum(['ECSServiceAverageCPUUtilization', 'ECSServiceAverageMemoryUtilization'], {
    error: 'must be "ECSServiceAverageCPUUtilization" or "ECSServiceAverageMemoryUtilization"',
  }),
  targetValue: z
    .number({ error: 'must be a number from 1 to 100' })
    .min(1, { error: 'must be a number from 1 to 100' })
    .max(100, { error: 'must be a number from 1 to 100' }),
  scaleOutCooldownSeconds: intRange(0, 3600).default(DEFAULTS.scaleOutCooldownSeconds),
  scaleInCooldownSeconds: intRange(0, 3600).default(DEFAULTS.scaleInCooldownSeconds),
  disableScaleIn: bool().default(DEFAULTS.disableScaleIn),
});

export const autoscalingSchema = z.strictObject({
  minCapacity: intRange(0, 1000),
  maxCapacity: intRange(1, 1000),
  policies: z.array(scalingPolicySchema, { error: 'must be a list of target tracking policies' }).default([]),
});

export const serviceSchema = z.strictObject({
  serviceName: awsName(),
  desiredCount: intRange(0, 1000).default(DEFAULTS.desiredCount),
  launchType: z.literal('FARGATE', { error: 'must be "FARGATE"' }).default(DEFAULTS.launchType),
  platformVersion: text().default(DEFAULTS.platformVersion),
  build: z
    .strictObject({
      context: text().meta({ description: "Build context, relative to the manifest's directory." }),
      dockerfile: text().default(DEFAULTS.dockerfile),
    })
    .optional(),
  taskDefinition: taskDefinitionSchema,
  serviceConnect: serviceConnectSchema.optional(),
  loadBalancer: serviceLoadBalancerSchema.optional(),
  securityGroups: z.array(text(), { error: 'must be a list of security group names' }).default([]),
  deployment: deploymentSchema.prefault({}),
  healthCheckGracePeriodSeconds: intRange(0, 2147483647).default(DEFAULTS.healthCheckGracePeriodSeconds),
  autoscaling: autoscalingSchema.optional(),
});

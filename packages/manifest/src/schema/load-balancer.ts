import * as z from 'zod';
import { DEFAULTS } from '../defaults/index.js';
import { awsName, httpCodes, intRange, port, text } from './primitives.js';

const hc = DEFAULTS.healthCheck;

export const healthCheckSchema = z.strictObject({
  path: z
    .string({ error: 'must be a string' })
    .regex(/^\/\S*$/, { error: 'must be a path starting with "/"' })
    .default(hc.path),
  port: z
    .union([z.literal('traffic-port'), port()], { error: 'must be "traffic-port" or a port number' })
    .default(hc.port),
  intervalSeconds: intRange(5, 300).default(hc.intervalSeconds),
  timeoutSeconds: intRange(2, 120).default(hc.timeoutSeconds),
  healthyThresholdCount: intRange(2, 10).default(hc.healthyThresholdCount),
  unhealthyThresholdCount: intRange(2, 10).default(hc.unhealthyThresholdCount),
  matcher: httpCodes()
    .default(hc.matcher)
    .meta({ description: 'HTTP codes 200-499: "200", "200-299" or "200,302".' }),
});

export const targetGroupSchema = z.strictObject({
  port: port(),
  protocol: z.literal('HTTP', { error: 'must be "HTTP"' }).default(DEFAULTS.protocol),
  targetType: z
    .literal('ip', { error: 'must be "ip" (Fargate tasks use awsvpc networking)' })
    .default(DEFAULTS.targetType),
  healthCheck: healthCheckSchema.prefault({}),
  deregistrationDelaySeconds: intRange(0, 3600).default(DEFAULTS.deregistrationDelaySeconds),
  loadBalancingAlgorithm: z
    .enum(['round_robin', 'least_outstanding_requests'], {
      error: 'must be "round_robin" or "least_outstanding_requests"',
    })
    .default(DEFAULTS.loadBalancingAlgorithm),
});

export const listenerSchema = z.strictObject({
  port: port(),
  protocol: z.literal('HTTP', { error: 'must be "HTTP"' }).default(DEFAULTS.protocol),
  targetGroup: text().meta({ description: 'Name of a target group under loadBalancer.targetGroups.' }),
});

export const loadBalancerSchema = z.strictObject({
  name: awsName(32),
  scheme: z
    .enum(['internet-facing', 'internal'], { error: 'must be "internet-facing" or "internal"' })
    .default(DEFAULTS.scheme),
  idleTimeoutSeconds: intRange(1, 4000).default(DEFAULTS.idleTimeoutSeconds),
  securityGroups: z.array(text(), { error: 'must be a list of security group names' }).default([]),
  listeners: z.array(listenerSchema, { error: 'must be a list of {port, targetGroup}' }),
  targetGroups: z
    .record(awsName(32), targetGroupSchema, { error: 'must be a map of target group name -> {port, healthCheck}' })
    .meta({ description: 'Target groups keyed by name.' }),
});

import * as z from 'zod';
import { DEFAULTS } from '../defaults/index.js';
import { awsName, bool, port, text } from './primitives.js';

export const ingressRuleSchema = z.strictObject({
  port: port().meta({ description: 'Port opened for inbound TCP.' }),
  from: text().meta({ description: '"anywhere" (0.0.0.0/0) or the name of another security group of the stack.' }),
});

export const securityGroupSchema = z.strictObject({
  description: text(),
  ingress: z.array(ingressRuleSchema, { error: 'must be a list of {port, from}' }).default([]),
});

export const networkSchema = z.strictObject({
  vpc: text().default(DEFAULTS.vpc).meta({ description: '"default" or a VPC id.' }),
  subnets: z
    .array(text(), { error: 'must be a list of subnet ids, availability zone names or IDs, or [default]' })
    .min(1, { error: 'must list at least one subnet' })
    .meta({ description: 'Subnet ids, zone names (us-west-1a), zone IDs (usw1-az1: the same zone in every account), or [default]: the default subnets of two different zones. The load balancer needs two zones.' }),
  assignPublicIp: bool().default(DEFAULTS.assignPublicIp),
  securityGroups: z
    .record(awsName(), securityGroupSchema, { error: 'must be a map of security group name -> {description, ingress}' })
    .default({})
    .meta({ description: 'Security groups keyed by name.' }),
});

export const clusterSchema = z.strictObject({ name: awsName() });

export const executionRoleSchema = z.strictObject({
  name: awsName(64),
  trustedService: text().default(DEFAULTS.trustedService),
  managedPolicies: z
    .array(awsName(128), { error: 'must be a list of AWS managed policy names' })
    .meta({ description: 'AWS managed policy names (not ARNs).' }),
});

export const serviceConnectNamespaceSchema = z.strictObject({
  namespace: awsName(1024).meta({ description: 'Cloud Map namespace; locally, the Docker network name.' }),
});

import * as z from 'zod';
import { DEFAULTS } from '../defaults/index.js';
import { loadBalancerSchema } from './load-balancer.js';
import { clusterSchema, executionRoleSchema, networkSchema, serviceConnectNamespaceSchema } from './network.js';
import { awsName, region } from './primitives.js';
import { serviceSchema } from './service.js';

/** The user-facing shape of stack.yaml (before conversion to the Stack model). */
export const stackManifestSchema = z
  .strictObject({
    stack: awsName(64).meta({ description: 'Stack name: the label/tag value on everything this tool creates.' }),
    region: region().default(DEFAULTS.region),
    cluster: clusterSchema,
    executionRole: executionRoleSchema,
    network: networkSchema,
    serviceConnect: serviceConnectNamespaceSchema,
    loadBalancer: loadBalancerSchema,
    services: z
      .record(
        z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, { error: 'must be a short name of [a-z0-9-] starting with a letter' }),
        serviceSchema,
        { error: 'must be a map of short service name -> service' },
      )
      .meta({ description: 'Services keyed by a short name (users, products).' }),
  })
  .meta({ title: 'ecs-twin stack manifest', description: 'One stack.yaml: runs locally on Docker or on AWS ECS Fargate.' });

export type StackManifest = z.output<typeof stackManifestSchema>;
export type ServiceManifest = StackManifest['services'][string];

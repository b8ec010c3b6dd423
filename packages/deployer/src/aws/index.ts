// The AWS adapters wired to the ports.
import type { AwsPorts } from '../ports/index.js';
import { partitionOf } from '../plan/to-desired.js';
import { AppAutoScaling } from './autoscaling/app-auto-scaling.js';
import { AwsClients } from './clients.js';
import { Ec2Network } from './ec2/ec2-network.js';
import { EcrRepositories } from './ecr/ecr-repositories.js';
import { EcsServices } from './ecs/ecs-services.js';
import { Elbv2LoadBalancing } from './elbv2/elbv2-load-balancing.js';
import { IamRoles } from './iam/iam-roles.js';
import { LogGroups } from './logs/log-groups.js';
import { CloudMapNamespaces } from './servicediscovery/cloud-map-namespaces.js';
import { StsIdentity } from './sts/sts-identity.js';

export { AwsClients, type AwsConfig } from './clients.js';
export { ApiCallRecorder, isMutating, type ApiCall } from './api-call-recorder.js';
export { mapAwsError } from './map-error.js';
export * from './tags.js';

export function awsPorts(clients: AwsClients): AwsPorts {
  return {
    identity: new StsIdentity(clients.sts),
    roles: new IamRoles(clients.iam, partitionOf(clients.config.region)),
    repositories: new EcrRepositories(clients.ecr),
    logGroups: new LogGroups(clients.logs),
    network: new Ec2Network(clients.ec2),
    loadBalancing: new Elbv2LoadBalancing(clients.elbv2),
    ecs: new EcsServices(clients.ecs),
    namespaces: new CloudMapNamespaces(clients.serviceDiscovery),
    scaling: new AppAutoScaling(clients.autoScaling),
  };
}

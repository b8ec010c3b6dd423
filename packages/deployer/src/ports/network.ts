// Ports for EC2 networking and the load balancer. Our types only.
import type { Tags } from '../aws/tags.js';
import type { DesiredHealthCheck } from '../plan/desired-types.js';

export interface VpcRecord {
  readonly vpcId: string;
  /** Subnets of the VPC: id, availability zone name and (where EC2 reports it) zone ID. */
  readonly subnets: readonly { id: string; zone: string; zoneId?: string; defaultForAz: boolean }[];
}

/** An ingress rule as EC2 holds it: from a CIDR or from another group. */
export interface IngressPermission {
  readonly port: number;
  readonly cidr?: string;
  readonly groupId?: string;
}

export interface SecurityGroupRecord {
  readonly id: string;
  readonly name: string;
  readonly vpcId: string;
  readonly description: string;
  readonly ingress: readonly IngressPermission[];
  readonly tags: Tags;
}

export interface NetworkPort {
  /** "default" or a VPC id; undefined when there is no such VPC. */
  findVpc(spec: string): Promise<VpcRecord | undefined>;
  /** Groups of the VPC with one of these names, plus any group tagged with the stack. */
  securityGroups(vpcId: string, names: readonly string[], stack: string): Promise<SecurityGroupRecord[]>;
  createSecurityGroup(vpcId: string, name: string, description: string, tags: Tags): Promise<string>;
  authorize(groupId: string, rules: readonly IngressPermission[]): Promise<void>;
  revoke(groupId: string, rules: readonly IngressPermission[]): Promise<void>;
  deleteSecurityGroup(groupId: string): Promise<void>;
}

export interface LoadBalancerRecord {
  readonly name: string;
  readonly arn: string;
  readonly dnsName: string;
  readonly scheme: string;
  readonly securityGroupIds: readonly string[];
  readonly subnetIds: readonly string[];
  readonly idleTimeoutSeconds?: number;
  readonly tags: Tags;
}

export interface TargetGroupRecord {
  readonly name: string;
  readonly arn: string;
  readonly port: number;
  readonly protocol: string;
  readonly targetType: string;
  readonly vpcId: string;
  readonly healthCheck: DesiredHealthCheck;
  readonly deregistrationDelaySeconds?: number;
  readonly loadBalancingAlgorithm?: string;
  readonly tags: Tags;
}

export interface ListenerRecord {
  readonly arn: string;
  readonly port: number;
  readonly protocol: string;
  readonly targetGroupArn?: string;
  readonly tags: Tags;
}

export interface TargetHealthRecord {
  readonly id: string;
  readonly port?: number;
  readonly state: string;
  readonly reason?: string;
}

export interface TargetGroupInput {
  readonly name: string;
  readonly port: number;
  readonly protocol: string;
  readonly targetType: string;
  readonly vpcId: string;
  readonly healthCheck: DesiredHealthCheck;
  readonly deregistrationDelaySeconds: number;
  readonly loadBalancingAlgorithm: string;
}

export interface LoadBalancerPort {
  findLoadBalancer(name: string): Promise<LoadBalancerRecord | undefined>;
  createLoadBalancer(input: { name: string; scheme: string; subnetIds: readonly string[]; securityGroupIds: readonly string[]; idleTimeoutSeconds: number }, tags: Tags): Promise<LoadBalancerRecord>;
  setSecurityGroups(arn: string, groupIds: readonly string[]): Promise<void>;
  setSubnets(arn: string, subnetIds: readonly string[]): Promise<void>;
  setIdleTimeout(arn: string, seconds: number): Promise<void>;
  tag(arn: string, tags: Tags): Promise<void>;
  deleteLoadBalancer(arn: string): Promise<void>;
  /** Target groups with these names plus any tagged with the stack. */
  targetGroups(names: readonly string[], stack: string): Promise<TargetGroupRecord[]>;
  createTargetGroup(input: TargetGroupInput, tags: Tags): Promise<string>;
  modifyTargetGroup(arn: string, input: TargetGroupInput): Promise<void>;
  deleteTargetGroup(arn: string): Promise<void>;
  listeners(loadBalancerArn: string): Promise<ListenerRecord[]>;
  createListener(loadBalancerArn: string, port: number, protocol: string, targetGroupArn: string, tags: Tags): Promise<string>;
  modifyListener(arn: string, protocol: string, targetGroupArn: string): Promise<void>;
  deleteListener(arn: string): Promise<void>;
  targetHealth(targetGroupArn: string): Promise<TargetHealthRecord[]>;
}

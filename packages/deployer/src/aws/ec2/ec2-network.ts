// EC2: the VPC and subnets the stack runs in, and its security groups.
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  DeleteSecurityGroupCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  RevokeSecurityGroupIngressCommand,
  type EC2Client,
  type IpPermission,
} from '@aws-sdk/client-ec2';
import type { IngressPermission, NetworkPort, SecurityGroupRecord, VpcRecord } from '../../ports/index.js';
import { allPages, awsCall, awsFind } from '../call.js';
import { fromKeyValue, keyValue, STACK_TAG, type Tags } from '../tags.js';

export function toIpPermissions(rules: readonly IngressPermission[]): IpPermission[] {
  return rules.map((r) => ({
    IpProtocol: 'tcp',
    FromPort: r.port,
    ToPort: r.port,
    ...(r.cidr ? { IpRanges: [{ CidrIp: r.cidr }] } : {}),
    ...(r.groupId ? { UserIdGroupPairs: [{ GroupId: r.groupId }] } : {}),
  }));
}

export function fromIpPermissions(perms: readonly IpPermission[] | undefined): IngressPermission[] {
  const out: IngressPermission[] = [];
  for (const p of perms ?? []) {
    if (p.IpProtocol !== 'tcp' || p.FromPort === undefined || p.FromPort !== p.ToPort) continue;
    for (const r of p.IpRanges ?? []) if (r.CidrIp) out.push({ port: p.FromPort, cidr: r.CidrIp });
    for (const g of p.UserIdGroupPairs ?? []) if (g.GroupId) out.push({ port: p.FromPort, groupId: g.GroupId });
  }
  return out;
}

export class Ec2Network implements NetworkPort {
  constructor(private readonly ec2: EC2Client) {}

  async findVpc(spec: string): Promise<VpcRecord | undefined> {
    const vpcs = await awsFind('ec2:DescribeVpcs', spec, ['InvalidVpcID.NotFound'], () =>
      this.ec2.send(new DescribeVpcsCommand(
        spec === 'default' ? { Filters: [{ Name: 'is-default', Values: ['true'] }] } : { VpcIds: [spec] },
      )));
    const vpcId = vpcs?.Vpcs?.[0]?.VpcId;
    if (!vpcId) return undefined;
    const subnets = await allPages(
      (NextToken) => awsCall('ec2:DescribeSubnets', vpcId, () =>
        this.ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }], NextToken }))),
      (p) => p.Subnets, (p) => p.NextToken,
    );
    return {
      vpcId,
      subnets: subnets.map((s) => ({
        id: s.SubnetId ?? '', zone: s.AvailabilityZone ?? '', defaultForAz: s.DefaultForAz ?? false,
        ...(s.AvailabilityZoneId ? { zoneId: s.AvailabilityZoneId } : {}),
      })),
    };
  }

  async securityGroups(vpcId: string, names: readonly string[], stack: string): Promise<SecurityGroupRecord[]> {
    const groups = await allPages(
      (NextToken) => awsCall('ec2:DescribeSecurityGroups', vpcId, () =>
        this.ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }], NextToken }))),
      (p) => p.SecurityGroups, (p) => p.NextToken,
    );
    const wanted = new Set(names);
    return groups
      .map((g) => ({
        id: g.GroupId ?? '',
        name: g.GroupName ?? '',
        vpcId: g.VpcId ?? vpcId,
        description: g.Description ?? '',
        ingress: fromIpPermissions(g.IpPermissions),
        tags: fromKeyValue(g.Tags),
      }))
      .filter((g) => wanted.has(g.name) || g.tags[STACK_TAG] === stack);
  }

  async createSecurityGroup(vpcId: string, name: string, description: string, tags: Tags): Promise<string> {
    const out = await awsCall('ec2:CreateSecurityGroup', name, () =>
      this.ec2.send(new CreateSecurityGroupCommand({
        GroupName: name,
        Description: description,
        VpcId: vpcId,
        TagSpecifications: [{ ResourceType: 'security-group', Tags: [...keyValue(tags), { Key: 'Name', Value: name }] }],
      })));
    return out.GroupId ?? '';
  }

  async authorize(groupId: string, rules: readonly IngressPermission[]): Promise<void> {
    if (rules.length === 0) return;
    await awsCall('ec2:AuthorizeSecurityGroupIngress', groupId, () =>
      this.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: toIpPermissions(rules) })));
  }

  async revoke(groupId: string, rules: readonly IngressPermission[]): Promise<void> {
    if (rules.length === 0) return;
    await awsCall('ec2:RevokeSecurityGroupIngress', groupId, () =>
      this.ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: toIpPermissions(rules) })));
  }

  async deleteSecurityGroup(groupId: string): Promise<void> {
    await awsFind('ec2:DeleteSecurityGroup', groupId, ['InvalidGroup.NotFound'], () =>
      this.ec2.send(new DeleteSecurityGroupCommand({ GroupId: groupId })));
  }
}

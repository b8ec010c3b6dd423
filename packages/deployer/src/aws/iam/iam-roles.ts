// IAM: the task execution role, its trust policy and attached managed policies.
import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  CreateServiceLinkedRoleCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  GetRoleCommand,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  UpdateAssumeRolePolicyCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import type { RolePort, RoleRecord } from '../../ports/index.js';
import { allPages, awsCall, awsFind } from '../call.js';
import { fromKeyValue, keyValue, type Tags } from '../tags.js';

/** AWS managed policies that live under a path other than `policy/`. */
const POLICY_PATHS: Readonly<Record<string, string>> = {
  AmazonECSTaskExecutionRolePolicy: 'service-role/',
  AmazonEC2ContainerServiceRole: 'service-role/',
  AmazonEC2ContainerServiceAutoscaleRole: 'service-role/',
  AmazonEC2ContainerServiceforEC2Role: 'service-role/',
};

export function managedPolicyArn(name: string, partition = 'aws'): string {
  return `arn:${partition}:iam::aws:policy/${POLICY_PATHS[name] ?? ''}${name}`;
}

export function trustPolicy(service: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }],
  });
}

/** Services allowed to assume the role, from its (URL-encoded) trust policy. */
export function trustedServices(document: string | undefined): string[] {
  if (!document) return [];
  let doc: { Statement?: { Effect?: string; Principal?: { Service?: string | string[] } }[] };
  try {
    doc = JSON.parse(decodeURIComponent(document));
  } catch {
    doc = JSON.parse(document);
  }
  const out = (doc.Statement ?? [])
    .filter((s) => s.Effect === 'Allow')
    .flatMap((s) => [s.Principal?.Service ?? []].flat());
  return [...new Set(out)].sort();
}

export class IamRoles implements RolePort {
  constructor(private readonly iam: IAMClient, private readonly partition = 'aws') {}

  async find(name: string): Promise<RoleRecord | undefined> {
    const out = await awsFind('iam:GetRole', `role/${name}`, ['NoSuchEntity', 'NoSuchEntityException'], () =>
      this.iam.send(new GetRoleCommand({ RoleName: name })));
    if (!out?.Role) return undefined;
    const attached = await allPages(
      (Marker) => awsCall('iam:ListAttachedRolePolicies', `role/${name}`, () => this.iam.send(new ListAttachedRolePoliciesCommand({ RoleName: name, Marker }))),
      (p) => p.AttachedPolicies, (p) => (p.IsTruncated ? p.Marker : undefined),
    );
    return {
      name,
      arn: out.Role.Arn ?? '',
      tags: fromKeyValue(out.Role.Tags),
      trustedServices: trustedServices(out.Role.AssumeRolePolicyDocument),
      managedPolicies: attached.map((p) => p.PolicyName ?? '').sort(),
    };
  }

  async create(name: string, trustedService: string, tags: Tags): Promise<string> {
    const out = await awsCall('iam:CreateRole', `role/${name}`, () =>
      this.iam.send(new CreateRoleCommand({
        RoleName: name,
        AssumeRolePolicyDocument: trustPolicy(trustedService),
        Description: 'ECS task execution role (ecs-twin)',
        Tags: keyValue(tags),
      })));
    return out.Role?.Arn ?? '';
  }

  async setTrust(name: string, trustedService: string): Promise<void> {
    await awsCall('iam:UpdateAssumeRolePolicy', `role/${name}`, () =>
      this.iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: name, PolicyDocument: trustPolicy(trustedService) })));
  }

  async attachPolicy(name: string, policyName: string): Promise<void> {
    await awsCall('iam:AttachRolePolicy', `role/${name}`, () =>
      this.iam.send(new AttachRolePolicyCommand({ RoleName: name, PolicyArn: managedPolicyArn(policyName, this.partition) })));
  }

  async detachPolicy(name: string, policyName: string): Promise<void> {
    await awsCall('iam:DetachRolePolicy', `role/${name}`, () =>
      this.iam.send(new DetachRolePolicyCommand({ RoleName: name, PolicyArn: managedPolicyArn(policyName, this.partition) })));
  }

  async ensureServiceLinkedRole(awsServiceName: string): Promise<void> {
    try {
      await awsCall('iam:CreateServiceLinkedRole', `service-linked role of ${awsServiceName}`, () =>
        this.iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: awsServiceName })));
    } catch (e) {
      // AWS: InvalidInput "Service role name AWSServiceRoleForECS has been taken in this account, please try a
      // different suffix." (moto answers EntityAlreadyExists instead.)
      const code = (e as { code?: string }).code;
      if (code === 'EntityAlreadyExists' || (code === 'InvalidInput' && /has been taken/i.test((e as Error).message))) return;
      throw e;
    }
  }

  async delete(name: string): Promise<void> {
    const role = await this.find(name);
    if (!role) return;
    for (const p of role.managedPolicies) await this.detachPolicy(name, p);
    const inline = await awsCall('iam:ListRolePolicies', `role/${name}`, () => this.iam.send(new ListRolePoliciesCommand({ RoleName: name })));
    for (const p of inline.PolicyNames ?? []) {
      await awsCall('iam:DeleteRolePolicy', `role/${name}`, () => this.iam.send(new DeleteRolePolicyCommand({ RoleName: name, PolicyName: p })));
    }
    await awsCall('iam:DeleteRole', `role/${name}`, () => this.iam.send(new DeleteRoleCommand({ RoleName: name })));
  }
}

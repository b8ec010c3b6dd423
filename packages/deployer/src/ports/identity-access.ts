// Ports for account identity, IAM, ECR, CloudWatch Logs. Our types only.
import type { Tags } from '../aws/tags.js';

export interface IdentityPort {
  /** The account id; also the first call, so missing credentials fail here. */
  accountId(): Promise<string>;
}

export interface RoleRecord {
  readonly name: string;
  readonly arn: string;
  readonly tags: Tags;
  readonly trustedServices: readonly string[];
  /** Attached managed policy names. */
  readonly managedPolicies: readonly string[];
}

export interface RolePort {
  find(name: string): Promise<RoleRecord | undefined>;
  create(name: string, trustedService: string, tags: Tags): Promise<string>;
  setTrust(name: string, trustedService: string): Promise<void>;
  attachPolicy(name: string, policyName: string): Promise<void>;
  detachPolicy(name: string, policyName: string): Promise<void>;
  delete(name: string): Promise<void>;
  /** Creates the service-linked role of an AWS service (e.g. AWSServiceRoleForECS); one that exists is fine. */
  ensureServiceLinkedRole(awsServiceName: string): Promise<void>;
}

export interface RepositoryRecord {
  readonly name: string;
  readonly uri: string;
  readonly tags: Tags;
}

export interface RegistryAuth {
  /** Registry host, e.g. `123456789012.dkr.ecr.us-west-1.amazonaws.com`. */
  readonly registry: string;
  readonly username: string;
  readonly password: string;
}

export interface RepositoryPort {
  find(name: string): Promise<RepositoryRecord | undefined>;
  create(name: string, tags: Tags): Promise<RepositoryRecord>;
  hasImage(repository: string, tag: string): Promise<boolean>;
  authorization(): Promise<RegistryAuth>;
  delete(name: string): Promise<void>;
}

export interface LogGroupRecord {
  readonly name: string;
  readonly tags: Tags;
}

export interface LogGroupPort {
  find(name: string): Promise<LogGroupRecord | undefined>;
  create(name: string, tags: Tags): Promise<void>;
  delete(name: string): Promise<void>;
}

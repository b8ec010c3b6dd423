// SDK exceptions -> the deployer's typed errors. Pure, so every case is unit-tested.
import {
  AccessDeniedError,
  AwsCallError,
  NoCredentialsError,
  NoRegionError,
  QuotaExceededError,
  ThrottlingError,
  type DeployerError,
} from '../errors/index.js';

/** Where a failed call came from: the IAM action (`ecs:CreateService`) and the resource. */
export interface CallContext {
  readonly action: string;
  readonly resource: string;
}

const ACCESS_DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'UnauthorizedAccess', 'AuthorizationError']);
const THROTTLED = new Set([
  'Throttling', 'ThrottlingException', 'ThrottledException', 'RequestThrottledException', 'TooManyRequestsException',
  'ProvisionedThroughputExceededException', 'TransactionInProgressException', 'RequestLimitExceeded',
  'BandwidthLimitExceeded', 'RequestThrottled', 'SlowDown', 'PriorRequestNotComplete', 'EC2ThrottledException',
]);
/** Quota codes with their own name (ELBv2 and EC2 wire codes). */
const QUOTA_BY_CODE: Readonly<Record<string, string>> = {
  TooManyLoadBalancers: 'Application Load Balancers per Region',
  TooManyTargetGroups: 'Target groups per Region',
  TooManyListeners: 'Listeners per Application Load Balancer',
  TooManyTargets: 'Targets per Application Load Balancer',
  TooManyTags: 'Tags per resource',
  SecurityGroupLimitExceeded: 'VPC security groups per Region',
  RulesPerSecurityGroupLimitExceeded: 'Inbound or outbound rules per security group',
};

/** The generic `LimitExceeded(Exception)`: which quota it is follows from the call. */
const QUOTA_BY_ACTION: Readonly<Record<string, string>> = {
  'ecs:CreateCluster': 'Clusters per account',
  'ecs:CreateService': 'Services per cluster',
  'ecs:RegisterTaskDefinition': 'Revisions per task definition family',
  'iam:CreateRole': 'Roles per account',
  'iam:AttachRolePolicy': 'Managed policies per role',
  'ecr:CreateRepository': 'Registered repositories',
  'logs:CreateLogGroup': 'Log groups',
  'servicediscovery:CreateHttpNamespace': 'Namespaces per Region',
  'application-autoscaling:RegisterScalableTarget': 'Scalable targets per service namespace',
  'application-autoscaling:PutScalingPolicy': 'Scaling policies per scalable target',
};

const GENERIC_QUOTA = new Set(['LimitExceededException', 'LimitExceeded', 'ServiceQuotaExceededException', 'ResourceLimitExceeded', 'ResourceLimitExceededException']);

function quotaOf(code: string, action: string): string | undefined {
  if (QUOTA_BY_CODE[code]) return QUOTA_BY_CODE[code];
  if (GENERIC_QUOTA.has(code)) return QUOTA_BY_ACTION[action] ?? `the quota behind ${action}`;
  return undefined;
}

const BAD_CREDENTIALS = new Set(['UnrecognizedClientException', 'InvalidClientTokenId', 'ExpiredToken', 'ExpiredTokenException', 'InvalidAccessKeyId', 'SignatureDoesNotMatch', 'AuthFailure']);

interface SdkErrorLike {
  name?: string;
  message?: string;
  Code?: string;
  code?: string;
  $metadata?: { attempts?: number };
}

export function errorCode(e: unknown): string {
  const x = (e ?? {}) as SdkErrorLike;
  return x.Code ?? x.name ?? x.code ?? 'Error';
}

export function mapAwsError(e: unknown, ctx: CallContext): DeployerError {
  const x = (e ?? {}) as SdkErrorLike;
  const code = errorCode(e);
  const message = x.message ?? String(e);
  if (code === 'CredentialsProviderError' || /could not load credentials/i.test(message)) {
    return new NoCredentialsError(message.split('\n')[0]!, { cause: e });
  }
  if (BAD_CREDENTIALS.has(code)) return new NoCredentialsError(`the credentials were rejected (${code}: ${message})`, { cause: e });
  if (/region is missing/i.test(message)) return new NoRegionError();
  if (ACCESS_DENIED.has(code)) {
    // "User: arn:... is not authorized to perform: ecs:CreateService on resource: arn:... because ..."
    const m = /not authorized to perform:? ([\w-]+:[\w*]+)(?: on resource:? (\S+?))?(?: because|\.|$|\s)/i.exec(message);
    return new AccessDeniedError(m?.[1] ?? ctx.action, m?.[2] ?? ctx.resource, message, e);
  }
  const quota = quotaOf(code, ctx.action);
  if (quota) return new QuotaExceededError(ctx.action, ctx.resource, quota, message, e);
  if (THROTTLED.has(code)) return new ThrottlingError(ctx.action, x.$metadata?.attempts ?? 1, e);
  return new AwsCallError(ctx.action, ctx.resource, code, message, e);
}

// SDK exceptions -> the deployer's typed errors. Pure, so every case is unit-tested.
import {
  AccessDeniedError,
  AwsCallError,
  NoCredentialsError,
  NoRegionError,
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
  'BandwidthLimitExceeded', 'LimitExceededException', 'RequestThrottled', 'SlowDown', 'PriorRequestNotComplete', 'EC2ThrottledException',
]);
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
  if (THROTTLED.has(code)) return new ThrottlingError(ctx.action, x.$metadata?.attempts ?? 1, e);
  return new AwsCallError(ctx.action, ctx.resource, code, message, e);
}

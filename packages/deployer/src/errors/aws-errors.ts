// Errors from AWS calls, mapped at the adapter boundary (see aws/map-error.ts).
import { DeployerError, type DeployerErrorOptions } from './deployer-error.js';

export class NoCredentialsError extends DeployerError {
  readonly name = 'NoCredentialsError';
  constructor(detail: string, options: DeployerErrorOptions = {}) {
    super(`no AWS credentials: ${detail}`, {
      ...options,
      hints: [
        'run `aws configure` or `aws sso login`, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY',
        'pick a named profile with --profile NAME (or AWS_PROFILE)',
        'against moto: any dummy keys work, e.g. AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test',
      ],
    });
  }
}

export class NoRegionError extends DeployerError {
  readonly name = 'NoRegionError';
  constructor() {
    super('no AWS region: neither --region, AWS_REGION nor the manifest\'s `region` gives one', {
      hints: ['pass --region us-west-1, set AWS_REGION, or add `region:` to stack.yaml'],
      exitCode: 2,
    });
  }
}

export class AccessDeniedError extends DeployerError {
  readonly name = 'AccessDeniedError';
  /** The policy statement that would allow the call. */
  readonly statement: { Effect: 'Allow'; Action: string; Resource: string };
  constructor(readonly action: string, readonly resource: string, awsMessage: string, cause?: unknown) {
    const statement = { Effect: 'Allow' as const, Action: action, Resource: resource };
    super(`access denied: ${action} on ${resource}: ${awsMessage}`, {
      cause,
      hints: [
        `add this statement to the deployer's IAM policy:\n${JSON.stringify(statement, null, 2)}`,
        'the README lists the whole least-privilege policy the deployer needs',
      ],
    });
    this.statement = statement;
  }
}

export class ThrottlingError extends DeployerError {
  readonly name = 'ThrottlingError';
  constructor(readonly action: string, attempts: number, cause?: unknown) {
    super(`throttled: ${action} was still rate-limited after ${attempts} attempt(s) with backoff`, {
      cause,
      hints: [
        'the SDK already retried with exponential backoff; wait a minute and run the same command again: apply continues where it stopped',
        'raise the retry budget with AWS_MAX_ATTEMPTS=10 and AWS_RETRY_MODE=adaptive',
      ],
    });
  }
}

/** Any other failed AWS call: names the action and the resource. */
export class AwsCallError extends DeployerError {
  readonly name = 'AwsCallError';
  constructor(readonly action: string, readonly resource: string, readonly code: string, awsMessage: string, cause?: unknown) {
    super(`${action} ${resource} failed: ${code}: ${awsMessage}`, {
      cause,
      hints: ['run `pnpm run deploy status` to see what exists; a re-run of apply continues from the current state'],
    });
  }
}

/** A service quota (a limit on how many of something an account may have), not a rate limit: retrying does not help. */
export class QuotaExceededError extends DeployerError {
  readonly name = 'QuotaExceededError';
  constructor(readonly action: string, readonly resource: string, readonly quota: string, awsMessage: string, cause?: unknown) {
    super(`quota reached: ${action} ${resource}: ${quota} (${awsMessage})`, {
      cause,
      hints: [
        `delete unused resources, or ask for more in the Service Quotas console (quota "${quota}")`,
        'retrying does not help: a quota is not throttling',
      ],
    });
  }
}

// SDK v3 clients, created lazily with one shared configuration. The endpoint
// comes from AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_<SERVICE> (the SDK reads them
// itself) unless `endpoint` is given. Retries: AWS_MAX_ATTEMPTS and AWS_RETRY_MODE
// when set, otherwise DEPLOYER_MAX_ATTEMPTS in the SDK's standard mode.
import { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ECRClient } from '@aws-sdk/client-ecr';
import { ECSClient } from '@aws-sdk/client-ecs';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { IAMClient } from '@aws-sdk/client-iam';
import { ServiceDiscoveryClient } from '@aws-sdk/client-servicediscovery';
import { STSClient } from '@aws-sdk/client-sts';
import type { ApiCallRecorder } from './api-call-recorder.js';

export interface AwsConfig {
  readonly region: string;
  /** Named profile from ~/.aws (--profile). */
  readonly profile?: string;
  /** Overrides AWS_ENDPOINT_URL (tests point this at moto). */
  readonly endpoint?: string;
  readonly credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Overrides AWS_MAX_ATTEMPTS and the deployer's default. */
  readonly maxAttempts?: number;
  readonly recorder?: ApiCallRecorder;
  /** Answers requests instead of the network (contract tests: recorded AWS responses). */
  readonly requestHandler?: { handle(request: never, options?: never): Promise<{ response: unknown }> };
  /** The environment the SDK reads AWS_MAX_ATTEMPTS / AWS_RETRY_MODE from (default: process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/**
 * A deploy makes about 50 calls in a burst, and AWS throttles control-plane APIs
 * per account: more attempts than the SDK's 3. AWS_MAX_ATTEMPTS still wins
 * (the SDK reads it, with AWS_RETRY_MODE, only when the code sets nothing).
 */
export const DEPLOYER_MAX_ATTEMPTS = 8;

/** The retry options to give the clients: none that would hide AWS_MAX_ATTEMPTS / AWS_RETRY_MODE. */
export function retryOptions(c: Pick<AwsConfig, 'maxAttempts' | 'env'>): { maxAttempts?: number } {
  if (c.maxAttempts !== undefined) return { maxAttempts: c.maxAttempts };
  const env = c.env ?? process.env;
  if (env['AWS_MAX_ATTEMPTS']) return {};
  return { maxAttempts: DEPLOYER_MAX_ATTEMPTS };
}

interface MiddlewareClient {
  middlewareStack: { add: (mw: never, opts: { step: 'initialize'; name: string }) => void };
}

export class AwsClients {
  private readonly cache = new Map<string, unknown>();

  constructor(readonly config: AwsConfig) {}

  get ecs(): ECSClient { return this.client('ecs', ECSClient); }
  get serviceDiscovery(): ServiceDiscoveryClient { return this.client('servicediscovery', ServiceDiscoveryClient); }
  get elbv2(): ElasticLoadBalancingV2Client { return this.client('elasticloadbalancing', ElasticLoadBalancingV2Client); }
  get ec2(): EC2Client { return this.client('ec2', EC2Client); }
  get iam(): IAMClient { return this.client('iam', IAMClient); }
  get ecr(): ECRClient { return this.client('ecr', ECRClient); }
  get logs(): CloudWatchLogsClient { return this.client('logs', CloudWatchLogsClient); }
  get autoScaling(): ApplicationAutoScalingClient { return this.client('application-autoscaling', ApplicationAutoScalingClient); }
  get sts(): STSClient { return this.client('sts', STSClient); }

  destroy(): void {
    for (const c of this.cache.values()) (c as { destroy(): void }).destroy();
    this.cache.clear();
  }

  private options() {
    const c = this.config;
    return {
      region: c.region,
      ...(c.profile ? { profile: c.profile } : {}),
      ...(c.endpoint ? { endpoint: c.endpoint } : {}),
      ...(c.credentials ? { credentials: c.credentials } : {}),
      ...(c.requestHandler ? { requestHandler: c.requestHandler as never } : {}),
      // No retryMode here: the SDK's default is "standard", and AWS_RETRY_MODE must be able to change it.
      ...retryOptions(c),
    };
  }

  private client<T>(service: string, Ctor: new (o: ReturnType<AwsClients['options']>) => T): T {
    let c = this.cache.get(service) as T | undefined;
    if (!c) {
      c = new Ctor(this.options());
      this.instrument(service, c as unknown as MiddlewareClient);
      this.cache.set(service, c);
    }
    return c;
  }

  private instrument(service: string, client: MiddlewareClient) {
    const recorder = this.config.recorder;
    if (!recorder) return;
    const mw = (next: (a: unknown) => Promise<{ output: unknown }>, context: { commandName?: string }) => async (args: unknown) => {
      const name = context.commandName ?? 'UnknownCommand';
      recorder?.record(service, name);
      return next(args);
    };
    client.middlewareStack.add(mw as never, { step: 'initialize', name: 'ecsTwinApiCallRecorder' });
  }
}

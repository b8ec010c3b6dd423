// SDK v3 clients, created lazily with one shared configuration. The endpoint
// comes from AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_<SERVICE> (the SDK reads them
// itself) unless `endpoint` is given; retries use the SDK's standard mode.
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
  readonly maxAttempts?: number;
  readonly recorder?: ApiCallRecorder;
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

  /** A fresh ECS client (not cached): waiters get their own, with a progress hook. */
  newEcs(onOutput?: (commandName: string, output: unknown) => void): ECSClient {
    const c = new ECSClient(this.options());
    this.instrument('ecs', c as unknown as MiddlewareClient, onOutput);
    return c;
  }

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
      maxAttempts: c.maxAttempts ?? 3,
      retryMode: 'standard',
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

  private instrument(service: string, client: MiddlewareClient, onOutput?: (commandName: string, output: unknown) => void) {
    const recorder = this.config.recorder;
    if (!recorder && !onOutput) return;
    const mw = (next: (a: unknown) => Promise<{ output: unknown }>, context: { commandName?: string }) => async (args: unknown) => {
      const name = context.commandName ?? 'UnknownCommand';
      recorder?.record(service, name);
      const result = await next(args);
      onOutput?.(name, result.output);
      return result;
    };
    client.middlewareStack.add(mw as never, { step: 'initialize', name: 'ecsTwinApiCallRecorder' });
  }
}

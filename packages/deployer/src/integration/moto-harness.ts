// One moto server plus a deployer wired to it, for the integration tests.
import { loadStack, type Stack } from '@ecs-twin/manifest';
import { resolve } from 'node:path';
import { executeApply, executeDestroy, prepareApply, prepareDestroy, type ApplyResult, type DeployerOptions, type Prepared } from '../apply/index.js';
import { ApiCallRecorder, AwsClients, awsPorts } from '../aws/index.js';
import type { DeployEvent } from '../events/index.js';
import { MOTO_CREDENTIALS, startMoto, type MotoServer } from '../testing/index.js';

export const REGION = 'us-west-1';

export interface Harness {
  readonly moto: MotoServer;
  readonly clients: AwsClients;
  readonly recorder: ApiCallRecorder;
  readonly events: DeployEvent[];
  readonly options: DeployerOptions;
  stack(): Promise<Stack>;
  apply(stack: Stack, extra?: Partial<DeployerOptions>): Promise<{ prepared: Prepared; result: ApplyResult }>;
  destroy(stack: Stack): Promise<{ prepared: Prepared; result: ApplyResult }>;
  close(): Promise<void>;
}

export async function startHarness(motoEnv: Record<string, string> = {}): Promise<Harness> {
  const moto = await startMoto(motoEnv);
  const recorder = new ApiCallRecorder();
  const events: DeployEvent[] = [];
  const clients = new AwsClients({ region: REGION, endpoint: moto.endpoint, credentials: MOTO_CREDENTIALS, recorder });
  const options: DeployerOptions = {
    ports: awsPorts(clients),
    region: REGION,
    skipPush: true,
    wait: false,
    emit: (e) => events.push(e),
    deleteTimeoutMs: 60_000,
  };
  return {
    moto, clients, recorder, events, options,
    stack: () => loadStack(resolve(process.cwd(), 'stack.yaml')),
    async apply(stack, extra = {}) {
      const o = { ...options, ...extra };
      const prepared = await prepareApply(stack, o);
      return { prepared, result: await executeApply(prepared, o) };
    },
    async destroy(stack) {
      const prepared = await prepareDestroy(stack, options);
      return { prepared, result: await executeDestroy(prepared, options) };
    },
    async close() {
      clients.destroy();
      await moto.stop();
    },
  };
}

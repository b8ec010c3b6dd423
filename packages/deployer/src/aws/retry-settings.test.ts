// Retry settings: AWS_MAX_ATTEMPTS / AWS_RETRY_MODE must reach the SDK (item 10).
import { ThrottlingError } from '../errors/index.js';
import { jsonError, recordedClients, type SeenRequest } from '../testing/index.js';
import { DEPLOYER_MAX_ATTEMPTS, retryOptions } from './clients.js';
import { awsPorts } from './index.js';

describe('retry settings', () => {
  it('leaves the attempts to AWS_MAX_ATTEMPTS when it is set, and sets more than the SDK default otherwise', () => {
    expect(retryOptions({ env: { AWS_MAX_ATTEMPTS: '12' } })).toEqual({});
    expect(retryOptions({ env: {} })).toEqual({ maxAttempts: DEPLOYER_MAX_ATTEMPTS });
    expect(DEPLOYER_MAX_ATTEMPTS).toBeGreaterThan(3);
    expect(retryOptions({ env: { AWS_MAX_ATTEMPTS: '12' }, maxAttempts: 2 })).toEqual({ maxAttempts: 2 });
  });

  it('a real client makes as many attempts as AWS_MAX_ATTEMPTS says', async () => {
    const saved = process.env['AWS_MAX_ATTEMPTS'];
    process.env['AWS_MAX_ATTEMPTS'] = '2';
    try {
      const seen: SeenRequest[] = [];
      const clients = recordedClients(() => jsonError('ThrottlingException', 'Rate exceeded'), seen, { env: process.env });
      const e = await awsPorts(clients).ecs.findCluster('ecs-cluster').catch((x: unknown) => x);
      expect(e).toBeInstanceOf(ThrottlingError);
      expect(seen).toHaveLength(2);
      expect((e as Error).message).toContain('after 2 attempt(s)');
    } finally {
      if (saved === undefined) delete process.env['AWS_MAX_ATTEMPTS'];
      else process.env['AWS_MAX_ATTEMPTS'] = saved;
    }
  });
});

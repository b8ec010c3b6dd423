import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import type { IdentityPort } from '../../ports/index.js';
import { awsCall } from '../call.js';

export class StsIdentity implements IdentityPort {
  constructor(private readonly sts: STSClient) {}

  async accountId(): Promise<string> {
    const out = await awsCall('sts:GetCallerIdentity', '*', () => this.sts.send(new GetCallerIdentityCommand({})));
    if (!out.Account) throw new Error('sts:GetCallerIdentity returned no account');
    return out.Account;
  }
}

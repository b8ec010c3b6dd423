import { NetworkLookupError } from '../errors/index.js';
import { resolveNetwork } from './resolve-network.js';
import { taskDefinitionRef } from './translate.js';

const vpc = {
  vpcId: 'vpc-1',
  subnets: [
    { id: 'subnet-a', zone: 'us-west-1a', defaultForAz: true },
    { id: 'subnet-a2', zone: 'us-west-1a', defaultForAz: false },
    { id: 'subnet-b', zone: 'us-west-1b', defaultForAz: true },
  ],
};

describe('resolveNetwork', () => {
  it('maps availability zones to their default subnets and keeps subnet ids', () => {
    expect(resolveNetwork('default', vpc, ['us-west-1a', 'subnet-b'])).toEqual({ vpcId: 'vpc-1', subnets: { 'us-west-1a': 'subnet-a', 'subnet-b': 'subnet-b' } });
  });

  it('explains a missing default VPC, zone or subnet', () => {
    expect(() => resolveNetwork('default', undefined, [])).toThrow(/no default VPC/);
    expect(() => resolveNetwork('default', vpc, ['us-west-1c'])).toThrow(/no subnet in that availability zone \(it has: us-west-1a, us-west-1b\)/);
    expect(() => resolveNetwork('vpc-1', vpc, ['subnet-zzz'])).toThrow(NetworkLookupError);
  });
});

it('shortens task-definition ARNs to family:revision', () => {
  expect(taskDefinitionRef('arn:aws:ecs:us-west-1:1:task-definition/service-users-td:7')).toBe('service-users-td:7');
});

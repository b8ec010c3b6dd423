import { NetworkLookupError } from '../errors/index.js';
import { resolveNetwork } from './resolve-network.js';
import { taskDefinitionRef } from './translate.js';

const vpc = {
  vpcId: 'vpc-1',
  subnets: [
    { id: 'subnet-a', zone: 'us-west-1a', zoneId: 'usw1-az3', defaultForAz: true },
    { id: 'subnet-a2', zone: 'us-west-1a', zoneId: 'usw1-az3', defaultForAz: false },
    { id: 'subnet-b', zone: 'us-west-1b', zoneId: 'usw1-az1', defaultForAz: true },
  ],
};

describe('resolveNetwork', () => {
  it('maps availability zones to their default subnets and keeps subnet ids', () => {
    expect(resolveNetwork('default', vpc, ['us-west-1a', 'subnet-b'])).toEqual({ vpcId: 'vpc-1', subnets: { 'us-west-1a': 'subnet-a', 'subnet-b': 'subnet-b' } });
  });

  it('explains a missing default VPC, zone or subnet', () => {
    expect(() => resolveNetwork('default', undefined, [])).toThrow(/no default VPC/);
    expect(() => resolveNetwork('default', vpc, ['us-west-1c'])).toThrow(/no subnet in that availability zone \(it has: us-west-1a \(usw1-az3\), us-west-1b \(usw1-az1\)\)/);
    expect(() => resolveNetwork('vpc-1', vpc, ['subnet-zzz'])).toThrow(NetworkLookupError);
  });

  it('accepts zone IDs, the same zone in every account (item 8)', () => {
    expect(resolveNetwork('default', vpc, ['usw1-az3', 'usw1-az1']).subnets).toEqual({ 'usw1-az3': 'subnet-a', 'usw1-az1': 'subnet-b' });
  });

  it('takes `default` as the default subnets of two different zones (item 8)', () => {
    expect(resolveNetwork('default', vpc, ['default']).subnets).toEqual({ default: ['subnet-a', 'subnet-b'] });
    const oneZone = { ...vpc, subnets: vpc.subnets.filter((s) => s.zone === 'us-west-1a') };
    expect(() => resolveNetwork('default', oneZone, ['default'])).toThrow(/subnets in 1 zone\(s\); an Application Load Balancer needs 2/);
  });

  it('refuses subnets that all lie in one zone: an ALB needs two (item 8)', () => {
    expect(() => resolveNetwork('default', vpc, ['subnet-a', 'subnet-a2'])).toThrow(/1 availability zone\(s\) \(us-west-1a\); an Application Load Balancer needs subnets in 2 different zones/);
  });
});

it('shortens task-definition ARNs to family:revision', () => {
  expect(taskDefinitionRef('arn:aws:ecs:us-west-1:1:task-definition/service-users-td:7')).toBe('service-users-td:7');
});

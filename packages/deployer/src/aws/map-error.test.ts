import { AccessDeniedError, AwsCallError, NoCredentialsError, NoRegionError, ThrottlingError } from '../errors/index.js';
import { mapAwsError } from './map-error.js';
import { trustedServices, managedPolicyArn } from './iam/iam-roles.js';
import { fromIpPermissions, toIpPermissions } from './ec2/ec2-network.js';

const ctx = { action: 'ecs:CreateService', resource: 'service/ecs-cluster/service-users-ecs' };
const sdkError = (name: string, message: string, attempts = 1) => Object.assign(new Error(message), { name, $metadata: { attempts } });

describe('mapAwsError', () => {
  it('names the denied action, the resource and the missing statement', () => {
    const e = mapAwsError(sdkError('AccessDeniedException',
      'User: arn:aws:iam::1:user/dev is not authorized to perform: ecs:CreateService on resource: arn:aws:ecs:us-west-1:1:service/ecs-cluster/service-users-ecs because no identity-based policy allows the ecs:CreateService action'), ctx);
    expect(e).toBeInstanceOf(AccessDeniedError);
    const denied = e as AccessDeniedError;
    expect(denied.statement).toEqual({ Effect: 'Allow', Action: 'ecs:CreateService', Resource: 'arn:aws:ecs:us-west-1:1:service/ecs-cluster/service-users-ecs' });
    expect(denied.hints[0]).toContain('"Action": "ecs:CreateService"');
  });

  it('falls back to the call context when the message names nothing (EC2 UnauthorizedOperation)', () => {
    const e = mapAwsError(sdkError('UnauthorizedOperation', 'You are not authorized to perform this operation.'), { action: 'ec2:CreateSecurityGroup', resource: 'container-3000' }) as AccessDeniedError;
    expect(e.statement).toEqual({ Effect: 'Allow', Action: 'ec2:CreateSecurityGroup', Resource: 'container-3000' });
  });

  it('says throttling persisted after the SDK retries', () => {
    const e = mapAwsError(sdkError('ThrottlingException', 'Rate exceeded', 3), ctx);
    expect(e).toBeInstanceOf(ThrottlingError);
    expect(e.message).toBe('throttled: ecs:CreateService was still rate-limited after 3 attempt(s) with backoff');
  });

  it('recognises missing and rejected credentials, and a missing region', () => {
    expect(mapAwsError(sdkError('CredentialsProviderError', 'Could not load credentials from any providers'), ctx)).toBeInstanceOf(NoCredentialsError);
    expect(mapAwsError(sdkError('UnrecognizedClientException', 'The security token included in the request is invalid.'), ctx)).toBeInstanceOf(NoCredentialsError);
    expect(mapAwsError(sdkError('Error', 'Region is missing'), ctx)).toBeInstanceOf(NoRegionError);
  });

  it('wraps anything else with action, resource and code', () => {
    const e = mapAwsError(sdkError('InvalidParameterException', 'bad subnet'), ctx);
    expect(e).toBeInstanceOf(AwsCallError);
    expect(e.message).toBe('ecs:CreateService service/ecs-cluster/service-users-ecs failed: InvalidParameterException: bad subnet');
    expect((e as AwsCallError).code).toBe('InvalidParameterException');
  });
});

describe('adapter shapes', () => {
  it('reads trusted services from a URL-encoded trust policy', () => {
    const doc = encodeURIComponent(JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { Service: ['ecs-tasks.amazonaws.com'] }, Action: 'sts:AssumeRole' }] }));
    expect(trustedServices(doc)).toEqual(['ecs-tasks.amazonaws.com']);
  });

  it('knows which managed policies live under service-role/', () => {
    expect(managedPolicyArn('AmazonECSTaskExecutionRolePolicy')).toBe('arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy');
    expect(managedPolicyArn('CloudWatchLogsFullAccess', 'aws-cn')).toBe('arn:aws-cn:iam::aws:policy/CloudWatchLogsFullAccess');
  });

  it('round-trips ingress rules through EC2 permissions', () => {
    const rules = [{ port: 8000, cidr: '0.0.0.0/0' }, { port: 3000, groupId: 'sg-1' }];
    expect(fromIpPermissions(toIpPermissions(rules))).toEqual(rules);
  });
});

// CloudWatch Logs: the tasks' awslogs groups.
import {
  CreateLogGroupCommand,
  DeleteLogGroupCommand,
  DescribeLogGroupsCommand,
  ListTagsForResourceCommand,
  type CloudWatchLogsClient,
} from '@aws-sdk/client-cloudwatch-logs';
import type { LogGroupPort, LogGroupRecord } from '../../ports/index.js';
import { awsCall, awsFind } from '../call.js';
import type { Tags } from '../tags.js';

export class LogGroups implements LogGroupPort {
  constructor(private readonly logs: CloudWatchLogsClient) {}

  async find(name: string): Promise<LogGroupRecord | undefined> {
    const out = await awsCall('logs:DescribeLogGroups', `log-group:${name}`, () =>
      this.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name })));
    const group = out.logGroups?.find((g) => g.logGroupName === name);
    if (!group) return undefined;
    const arn = group.logGroupArn ?? (group.arn ?? '').replace(/:\*$/, '');
    const tags = await awsCall('logs:ListTagsForResource', arn, () => this.logs.send(new ListTagsForResourceCommand({ resourceArn: arn })));
    return { name, tags: tags.tags ?? {} };
  }

  async create(name: string, tags: Tags): Promise<void> {
    await awsCall('logs:CreateLogGroup', `log-group:${name}`, () =>
      this.logs.send(new CreateLogGroupCommand({ logGroupName: name, tags: { ...tags } })));
  }

  async delete(name: string): Promise<void> {
    await awsFind('logs:DeleteLogGroup', `log-group:${name}`, ['ResourceNotFoundException'], () =>
      this.logs.send(new DeleteLogGroupCommand({ logGroupName: name })));
  }
}

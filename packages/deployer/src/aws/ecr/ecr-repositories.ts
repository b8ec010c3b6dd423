// ECR: repositories, whether a tag is there, and the registry login.
import {
  CreateRepositoryCommand,
  DeleteRepositoryCommand,
  DescribeImagesCommand,
  DescribeRepositoriesCommand,
  GetAuthorizationTokenCommand,
  ListTagsForResourceCommand,
  type ECRClient,
} from '@aws-sdk/client-ecr';
import type { RegistryAuth, RepositoryPort, RepositoryRecord } from '../../ports/index.js';
import { awsCall, awsFind } from '../call.js';
import { fromKeyValue, keyValue, type Tags } from '../tags.js';

export class EcrRepositories implements RepositoryPort {
  constructor(private readonly ecr: ECRClient) {}

  async find(name: string): Promise<RepositoryRecord | undefined> {
    const out = await awsFind('ecr:DescribeRepositories', `repository/${name}`, ['RepositoryNotFoundException'], () =>
      this.ecr.send(new DescribeRepositoriesCommand({ repositoryNames: [name] })));
    const repo = out?.repositories?.[0];
    if (!repo?.repositoryArn) return undefined;
    const tags = await awsCall('ecr:ListTagsForResource', repo.repositoryArn, () =>
      this.ecr.send(new ListTagsForResourceCommand({ resourceArn: repo.repositoryArn })));
    return { name, uri: repo.repositoryUri ?? '', tags: fromKeyValue(tags.tags) };
  }

  async create(name: string, tags: Tags): Promise<RepositoryRecord> {
    const out = await awsCall('ecr:CreateRepository', `repository/${name}`, () =>
      this.ecr.send(new CreateRepositoryCommand({ repositoryName: name, tags: keyValue(tags), imageTagMutability: 'MUTABLE' })));
    return { name, uri: out.repository?.repositoryUri ?? '', tags };
  }

  async hasImage(repository: string, tag: string): Promise<boolean> {
    const out = await awsFind('ecr:DescribeImages', `repository/${repository}`, ['ImageNotFoundException', 'RepositoryNotFoundException'], () =>
      this.ecr.send(new DescribeImagesCommand({ repositoryName: repository, imageIds: [{ imageTag: tag }] })));
    return (out?.imageDetails?.length ?? 0) > 0;
  }

  async authorization(): Promise<RegistryAuth> {
    const out = await awsCall('ecr:GetAuthorizationToken', '*', () => this.ecr.send(new GetAuthorizationTokenCommand({})));
    const data = out.authorizationData?.[0];
    if (!data?.authorizationToken) throw new Error('ecr:GetAuthorizationToken returned no token');
    const [username, ...rest] = Buffer.from(data.authorizationToken, 'base64').toString('utf8').split(':');
    return { registry: (data.proxyEndpoint ?? '').replace(/^https?:\/\//, ''), username: username ?? 'AWS', password: rest.join(':') };
  }

  async delete(name: string): Promise<void> {
    await awsFind('ecr:DeleteRepository', `repository/${name}`, ['RepositoryNotFoundException'], () =>
      this.ecr.send(new DeleteRepositoryCommand({ repositoryName: name, force: true })));
  }
}

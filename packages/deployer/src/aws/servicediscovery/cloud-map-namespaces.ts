// Cloud Map: the HTTP namespace Service Connect registers its services in.
import {
  CreateHttpNamespaceCommand,
  DeleteNamespaceCommand,
  GetNamespaceCommand,
  GetOperationCommand,
  ListNamespacesCommand,
  ListTagsForResourceCommand,
  type ServiceDiscoveryClient,
} from '@aws-sdk/client-servicediscovery';
import type { NamespacePort, NamespaceRecord } from '../../ports/index.js';
import { allPages, awsCall, awsFind } from '../call.js';
import { fromKeyValue, keyValue, type Tags } from '../tags.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class CloudMapNamespaces implements NamespacePort {
  constructor(private readonly sd: ServiceDiscoveryClient, private readonly operationTimeoutMs = 180_000) {}

  async find(name: string): Promise<NamespaceRecord | undefined> {
    const all = await allPages(
      (NextToken) => awsCall('servicediscovery:ListNamespaces', name, () => this.sd.send(new ListNamespacesCommand({ NextToken }))),
      (p) => p.Namespaces, (p) => p.NextToken,
    );
    const ns = all.find((n) => n.Name === name);
    if (!ns?.Arn || !ns.Id) return undefined;
    const tags = await awsCall('servicediscovery:ListTagsForResource', ns.Arn, () =>
      this.sd.send(new ListTagsForResourceCommand({ ResourceARN: ns.Arn })));
    return { name, id: ns.Id, arn: ns.Arn, tags: fromKeyValue(tags.Tags) };
  }

  async create(name: string, tags: Tags): Promise<NamespaceRecord> {
    const op = await awsCall('servicediscovery:CreateHttpNamespace', name, () =>
      this.sd.send(new CreateHttpNamespaceCommand({ Name: name, Description: 'Service Connect (ecs-twin)', Tags: keyValue(tags) })));
    const targets = await this.finish(op.OperationId ?? '', name);
    const id = targets['NAMESPACE'] ?? '';
    const ns = await awsCall('servicediscovery:GetNamespace', id, () => this.sd.send(new GetNamespaceCommand({ Id: id })));
    return { name, id, arn: ns.Namespace?.Arn ?? '', tags };
  }

  async delete(id: string): Promise<void> {
    const op = await awsFind('servicediscovery:DeleteNamespace', id, ['NamespaceNotFound'], () =>
      this.sd.send(new DeleteNamespaceCommand({ Id: id })));
    if (op?.OperationId) await this.finish(op.OperationId, id);
  }

  /** Cloud Map changes are asynchronous operations: poll until done, bounded. */
  private async finish(operationId: string, resource: string): Promise<Record<string, string>> {
    const deadline = Date.now() + this.operationTimeoutMs;
    for (let delay = 500; ; delay = Math.min(delay * 2, 5000)) {
      const out = await awsCall('servicediscovery:GetOperation', resource, () =>
        this.sd.send(new GetOperationCommand({ OperationId: operationId })));
      const status = out.Operation?.Status;
      if (status === 'SUCCESS') return out.Operation?.Targets ?? {};
      if (status === 'FAIL') {
        throw new Error(`Cloud Map operation on ${resource} failed: ${out.Operation?.ErrorCode ?? ''} ${out.Operation?.ErrorMessage ?? ''}`.trim());
      }
      if (Date.now() + delay > deadline) throw new Error(`Cloud Map operation on ${resource} still ${status ?? 'pending'} after ${this.operationTimeoutMs / 1000}s`);
      await sleep(delay);
    }
  }
}

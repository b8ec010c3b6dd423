import { DescribeTagsCommand, type ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { awsCall } from '../call.js';
import { fromKeyValue, type Tags } from '../tags.js';

/** Tags of many ELBv2 resources: DescribeTags takes at most 20 ARNs per call. */
export async function tagsOf(elb: ElasticLoadBalancingV2Client, arns: readonly string[]): Promise<Map<string, Tags>> {
  const out = new Map<string, Tags>();
  for (let i = 0; i < arns.length; i += 20) {
    const batch = arns.slice(i, i + 20).filter(Boolean);
    if (batch.length === 0) continue;
    const res = await awsCall('elasticloadbalancing:DescribeTags', batch[0]!, () =>
      elb.send(new DescribeTagsCommand({ ResourceArns: batch })));
    for (const d of res.TagDescriptions ?? []) if (d.ResourceArn) out.set(d.ResourceArn, fromKeyValue(d.Tags));
  }
  return out;
}

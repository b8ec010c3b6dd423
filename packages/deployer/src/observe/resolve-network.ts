// Manifest subnet specs (AZ names or subnet ids) -> subnet ids of the VPC. Pure.
import { NetworkLookupError } from '../errors/index.js';
import type { ObservedNetwork } from '../plan/observed-types.js';
import type { VpcRecord } from '../ports/index.js';

export function resolveNetwork(vpcSpec: string, vpc: VpcRecord | undefined, specs: readonly string[]): ObservedNetwork {
  if (!vpc) {
    throw new NetworkLookupError(
      `VPC ${vpcSpec}`,
      vpcSpec === 'default' ? 'this account has no default VPC in the region' : 'no such VPC in the region',
    );
  }
  const subnets: Record<string, string> = {};
  for (const spec of specs) {
    if (spec.startsWith('subnet-')) {
      if (!vpc.subnets.some((s) => s.id === spec)) throw new NetworkLookupError(`subnet ${spec}`, `not in ${vpc.vpcId}`);
      subnets[spec] = spec;
      continue;
    }
    const inZone = vpc.subnets.filter((s) => s.zone === spec);
    const pick = inZone.find((s) => s.defaultForAz) ?? inZone[0];
    if (!pick) {
      const zones = [...new Set(vpc.subnets.map((s) => s.zone))].sort().join(', ');
      throw new NetworkLookupError(`subnet ${spec}`, `${vpc.vpcId} has no subnet in that availability zone (it has: ${zones || 'none'})`);
    }
    subnets[spec] = pick.id;
  }
  return { vpcId: vpc.vpcId, subnets };
}

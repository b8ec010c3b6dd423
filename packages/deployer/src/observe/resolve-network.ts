// Manifest subnet specs -> subnet ids of the VPC. Pure.
// A spec is a subnet id, a zone name (us-west-1a: which zone that is differs per
// account), a zone ID (usw1-az1: the same zone in every account), or `default`:
// the default subnets of two different zones, whatever this account has.
import { NetworkLookupError } from '../errors/index.js';
import type { ObservedNetwork } from '../plan/observed-types.js';
import type { VpcRecord } from '../ports/index.js';

type Subnet = VpcRecord['subnets'][number];

/** An Application Load Balancer needs subnets in at least two zones. */
export const ALB_MIN_ZONES = 2;

function defaultSubnets(vpc: VpcRecord): string[] {
  const byZone = new Map<string, Subnet>();
  for (const s of [...vpc.subnets].sort((a, b) => a.zone.localeCompare(b.zone) || Number(b.defaultForAz) - Number(a.defaultForAz))) {
    if (!byZone.has(s.zone)) byZone.set(s.zone, s);
  }
  const picked = [...byZone.values()].slice(0, ALB_MIN_ZONES);
  if (picked.length < ALB_MIN_ZONES) {
    throw new NetworkLookupError('subnets [default]', `${vpc.vpcId} has subnets in ${picked.length} zone(s); an Application Load Balancer needs ${ALB_MIN_ZONES}`);
  }
  return picked.map((s) => s.id);
}

export function resolveNetwork(vpcSpec: string, vpc: VpcRecord | undefined, specs: readonly string[]): ObservedNetwork {
  if (!vpc) {
    throw new NetworkLookupError(
      `VPC ${vpcSpec}`,
      vpcSpec === 'default' ? 'this account has no default VPC in the region' : 'no such VPC in the region',
    );
  }
  const subnets: Record<string, string | readonly string[]> = {};
  for (const spec of specs) {
    if (spec === 'default') {
      subnets[spec] = defaultSubnets(vpc);
      continue;
    }
    if (spec.startsWith('subnet-')) {
      if (!vpc.subnets.some((s) => s.id === spec)) throw new NetworkLookupError(`subnet ${spec}`, `not in ${vpc.vpcId}`);
      subnets[spec] = spec;
      continue;
    }
    const inZone = vpc.subnets.filter((s) => s.zone === spec || s.zoneId === spec);
    const pick = inZone.find((s) => s.defaultForAz) ?? inZone[0];
    if (!pick) {
      const zones = [...new Set(vpc.subnets.map((s) => (s.zoneId ? `${s.zone} (${s.zoneId})` : s.zone)))].sort().join(', ');
      throw new NetworkLookupError(`subnet ${spec}`, `${vpc.vpcId} has no subnet in that availability zone (it has: ${zones || 'none'}); zone names map to different zones in each account, zone IDs (usw1-az1) do not`);
    }
    subnets[spec] = pick.id;
  }
  const ids = new Set(Object.values(subnets).flat());
  const zones = new Set(vpc.subnets.filter((s) => ids.has(s.id)).map((s) => s.zone));
  if (zones.size < ALB_MIN_ZONES) {
    throw new NetworkLookupError(`subnets [${specs.join(', ')}]`, `they are in ${zones.size} availability zone(s) (${[...zones].join(', ')}); an Application Load Balancer needs subnets in ${ALB_MIN_ZONES} different zones`);
  }
  return { vpcId: vpc.vpcId, subnets };
}

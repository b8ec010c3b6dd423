import { error, type RawIssue } from '../errors/index.js';
import type { Rule } from './parts.js';

/** us-west-1a: a zone name (it maps to a different zone in each account). */
const ZONE_NAME = /^([a-z]{2}(?:-[a-z]+)+-\d+)[a-z]$/;
/** usw1-az1: a zone ID (the same zone in every account). */
const ZONE_ID = /^[a-z]{2,6}\d+-az\d+$/;
const SUBNET_ID = /^subnet-[0-9a-f]+$/;
/** The default subnets of two different zones, picked by the deployer. */
const DEFAULT = 'default';
/** An Application Load Balancer needs subnets in two zones. */
const MIN_ZONES = 2;

const FORMS = 'a subnet id (subnet-0abc...), a zone name (us-west-1a), a zone ID (usw1-az1), or `default` alone';

/**
 * Subnets: each a subnet id, zone name, zone ID, or `default`; zone names in the
 * stack's region; and, where the manifest names zones, two different ones for the
 * load balancer (subnet ids are checked by the deployer, which sees their zones).
 */
export const networkRule: Rule = ({ network, region, loadBalancer }) => {
  if (!network) return [];
  const out: RawIssue[] = [];
  const specs = network.subnets;
  specs.forEach((subnet, i) => {
    const zone = ZONE_NAME.exec(subnet);
    if (zone && region && zone[1] !== region) {
      out.push(error(['network', 'subnets', i], `availability zone ${subnet} is not in the stack's region ${region}`));
    }
    if (!zone && !ZONE_ID.test(subnet) && !SUBNET_ID.test(subnet) && subnet !== DEFAULT) {
      out.push(error(['network', 'subnets', i], `"${subnet}" is not ${FORMS}`));
    }
    if (subnet === DEFAULT && specs.length > 1) {
      out.push(error(['network', 'subnets', i], '`default` (the default subnets of two zones) stands alone: list it without other subnets'));
    }
  });
  const zones = specs.filter((s) => ZONE_NAME.test(s) || ZONE_ID.test(s));
  if (loadBalancer && zones.length === specs.length && new Set(zones).size < MIN_ZONES) {
    out.push(error(['network', 'subnets'], `the load balancer needs subnets in ${MIN_ZONES} different availability zones, got ${[...new Set(zones)].join(', ')}; add a second zone, or write [default] for the default subnets of two zones`));
  }
  return out;
};

import { error, type RawIssue } from '../errors/index.js';
import type { Rule } from './parts.js';

/** Subnets given as availability zones must be zones of the stack's region. */
export const networkRule: Rule = ({ network, region }) => {
  if (!network || !region) return [];
  const out: RawIssue[] = [];
  network.subnets.forEach((subnet, i) => {
    const zone = /^([a-z]{2}(?:-[a-z]+)+-\d+)[a-z]$/.exec(subnet);
    if (zone && zone[1] !== region) {
      out.push(error(['network', 'subnets', i], `availability zone ${subnet} is not in the stack's region ${region}`));
    }
  });
  return out;
};

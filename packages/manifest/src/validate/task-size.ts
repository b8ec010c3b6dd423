import { FARGATE_MEMORY_BY_CPU } from '../defaults/index.js';
import { error, type RawIssue } from '../errors/index.js';
import type { Rule } from './parts.js';

/** Task cpu must be a Fargate size and memory one of its pairs [aws-fidelity §5]. */
export const taskSizeRule: Rule = ({ services }) => {
  const out: RawIssue[] = [];
  for (const [key, s] of services) {
    const { cpu, memory } = s.taskDefinition;
    const at = ['services', key, 'taskDefinition'];
    const valid = FARGATE_MEMORY_BY_CPU.get(cpu);
    if (!valid) {
      out.push(error([...at, 'cpu'], `${cpu} is not a Fargate CPU size (valid: ${[...FARGATE_MEMORY_BY_CPU.keys()].join(', ')})`));
    } else if (!valid.includes(memory)) {
      out.push(error([...at, 'memory'], `${memory} is not valid with cpu ${cpu} (valid: ${describe(valid)})`));
    }
  }
  return out;
};

function describe(values: readonly number[]): string {
  if (values.length <= 4) return values.join(', ');
  const step = values[1]! - values[0]!;
  return `${values[0]}-${values[values.length - 1]} in steps of ${step}`;
}

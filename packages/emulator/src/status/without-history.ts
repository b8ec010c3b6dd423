import type { AutoscalingSnapshot } from '../autoscaler/index.js';
import type { StackStatusView } from './stack-status.js';

/**
 * `status --json` without `--history`: each autoscaled service's latest period
 * instead of every period of the last 15 minutes. At 3 s periods that history is
 * 300 records a service, most of a document that scripts read many times a second.
 */
export function withoutPeriodHistory(view: StackStatusView): StackStatusView {
  const autoscaling = view.autoscaling as AutoscalingSnapshot | undefined;
  if (!autoscaling) return view;
  return { ...view, autoscaling: { ...autoscaling, services: autoscaling.services.map((s) => ({ ...s, metrics: s.metrics.slice(-1) })) } };
}

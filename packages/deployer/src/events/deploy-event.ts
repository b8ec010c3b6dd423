// The core emits events; the CLI renders them (stderr, or JSON lines). The core never prints.
import type { PlanStep } from '../plan/plan-step.js';
import type { ServiceProgress } from '../ports/index.js';

export type DeployEvent =
  | { readonly type: 'observing'; readonly stack: string; readonly region: string }
  | { readonly type: 'step-started'; readonly step: PlanStep }
  | { readonly type: 'step-done'; readonly step: PlanStep; readonly detail?: string }
  | { readonly type: 'step-failed'; readonly step: PlanStep; readonly error: string }
  | { readonly type: 'progress'; readonly message: string }
  | { readonly type: 'wait-progress'; readonly services: readonly ServiceProgress[] }
  | { readonly type: 'warning'; readonly message: string };

export type EmitEvent = (event: DeployEvent) => void;

export const ignoreEvents: EmitEvent = () => {};

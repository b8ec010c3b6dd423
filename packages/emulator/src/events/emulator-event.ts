// The core never prints: it emits events. The CLI renders them on stderr, the
// status view keeps the last ones per service (as ECS's `events[]`), `--json`
// hands them to scripts.

export type EmulatorEventKind =
  | 'stack'                // stack-level progress (network created, images built, ...)
  | 'task-started'
  | 'task-running'
  | 'task-stopped'
  | 'target-registered'
  | 'target-health'        // a target changed health state
  | 'target-draining'
  | 'target-deregistered'
  | 'service-steady'       // "service X has reached a steady state."
  | 'service-scaled'       // desired count changed
  | 'alarm'                // an autoscaling alarm changed state
  | 'deployment'           // deployment started / completed / failed / rolled back
  | 'service-connect'      // endpoints pushed to a Service Connect agent
  | 'warning'
  | 'error';

export interface EmulatorEvent {
  readonly kind: EmulatorEventKind;
  /** Epoch ms (from the injected clock). */
  readonly at: number;
  /** ECS-worded message, e.g. "(service service-users-ecs) has started 1 tasks: (task 1a2b...)." */
  readonly message: string;
  readonly serviceName?: string;
  readonly taskId?: string;
  readonly targetGroupName?: string;
  /** Free-form extra data for --json consumers. */
  readonly detail?: Readonly<Record<string, unknown>>;
}

export type EmitEvent = (event: Omit<EmulatorEvent, 'at'> & { at?: number }) => void;

// Host-aware admission of task launches. On Fargate every task boots on CPU of
// its own; here all tasks share the host's cores. Thirty 0.25-vCPU NestJS boots
// at once on 2 cores (7.5 vCPU asked) starved each other past their health
// checks and were replaced over and over. So launches are admitted while the
// tasks still booting (started, not yet healthy) ask for at most the host's
// CPUs in total; the rest wait for the next step, as ECS launches in batches.

/** The vCPUs one task can use here: its size, at most the whole host. */
export function taskVcpusOnHost(cpuUnits: number, hostCpus: number): number {
  return Math.min(cpuUnits / 1024, hostCpus);
}

/**
 * How many of `wanted` launches of tasks of `taskVcpus` may start now, with
 * `bootingVcpus` already booting across the stack and `budgetVcpus` to share.
 * One launch is always admitted when nothing boots, so a task as large as the
 * host (or larger) still starts.
 */
export function admittedLaunches(wanted: number, taskVcpus: number, bootingVcpus: number, budgetVcpus: number): number {
  if (wanted <= 0) return 0;
  if (bootingVcpus <= 0 && taskVcpus >= budgetVcpus) return 1;
  const room = Math.floor((budgetVcpus - bootingVcpus + 1e-9) / taskVcpus);
  return Math.max(0, Math.min(wanted, room));
}

/**
 * The stack's view of what boots, service by service: each service's step
 * reports its own booting vCPUs, learns how many launches it may make
 * (`room`), and says how many it made (`launched`). Unknown host CPUs admit
 * everything.
 */
export class LaunchAdmission {
  private readonly booting = new Map<string, number>();

  constructor(
    readonly hostCpus: number | undefined,
    /** @default the host's CPUs */
    readonly budgetVcpus: number | undefined = hostCpus,
  ) {}

  /** Launches of tasks of `cpuUnits` the service may make now; `ownBootingVcpus` is what it has booting. */
  room(serviceName: string, cpuUnits: number, ownBootingVcpus: number): number {
    this.booting.set(serviceName, ownBootingVcpus);
    if (this.hostCpus === undefined || this.budgetVcpus === undefined) return Number.POSITIVE_INFINITY;
    const all = [...this.booting.values()].reduce((sum, v) => sum + v, 0);
    return admittedLaunches(Number.POSITIVE_INFINITY, taskVcpusOnHost(cpuUnits, this.hostCpus), all, this.budgetVcpus);
  }

  /** The service launched `count` tasks of `cpuUnits`: they boot from now on. */
  launched(serviceName: string, count: number, cpuUnits: number): void {
    if (count <= 0 || this.hostCpus === undefined) return;
    this.booting.set(serviceName, (this.booting.get(serviceName) ?? 0) + count * taskVcpusOnHost(cpuUnits, this.hostCpus));
  }

  /** The vCPUs a task of `cpuUnits` counts for while it boots. */
  vcpusOf(cpuUnits: number): number {
    return this.hostCpus === undefined ? cpuUnits / 1024 : taskVcpusOnHost(cpuUnits, this.hostCpus);
  }

  /** The service stopped: what it reported no longer counts. */
  forget(serviceName: string): void {
    this.booting.delete(serviceName);
  }
}

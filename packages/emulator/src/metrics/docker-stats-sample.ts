// The fields of Docker's stats JSON (GET /containers/{id}/stats) that the
// metrics read. Our own type, so nothing outside the adapter sees dockerode's.
// Engine 20.10 / API 1.41 shape; cgroup v1 and v2 differ only in memory_stats.stats.

export interface DockerCpuStats {
  readonly cpu_usage?: { readonly total_usage?: number; readonly percpu_usage?: readonly number[] };
  /** Host CPU time over all cores, in ns (absent on the first streamed sample's precpu_stats). */
  readonly system_cpu_usage?: number;
  readonly online_cpus?: number;
}

export interface DockerStatsSample {
  /** RFC 3339 time the daemon read the sample. */
  readonly read?: string;
  readonly cpu_stats?: DockerCpuStats;
  /** The previous read, filled in by the daemon on a streamed connection (zeros on the first one). */
  readonly precpu_stats?: DockerCpuStats;
  readonly memory_stats?: {
    readonly usage?: number;
    readonly limit?: number;
    /** cgroup v1 keys: cache, total_inactive_file...; cgroup v2 keys: inactive_file, anon... */
    readonly stats?: Readonly<Record<string, number>>;
  };
}

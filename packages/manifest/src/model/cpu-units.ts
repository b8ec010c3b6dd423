// ECS counts CPU in units, 1024 to a vCPU (a task's `cpu: 256` is a quarter of
// a vCPU); Docker limits CPU in NanoCpus, 1e9 to a CPU. Every runtime converts
// through here: Docker's limit, the metadata endpoint's Limits.CPU, the
// utilization metric's denominator and compose's `cpus`.

export const CPU_UNITS_PER_VCPU = 1024;

/** CPU units -> vCPUs (256 -> 0.25). */
export function vcpusOf(cpuUnits: number): number {
  return cpuUnits / CPU_UNITS_PER_VCPU;
}

/** CPU units -> Docker's NanoCpus (256 -> 250000000). */
export function nanoCpusOf(cpuUnits: number): number {
  return Math.round(vcpusOf(cpuUnits) * 1e9);
}

// A task's CPU limit on this host. Fargate sizes go up to 16 vCPU (cpu: 16384);
// Docker refuses a NanoCpus above the engine's CPU count ("Range of CPUs is from
// 0.01 to 2.00"), so a task the host cannot give its full size gets the whole
// host instead. The declared size still counts everywhere else (CPU% of the
// reservation, the deployer's task definition).

import { nanoCpusOf } from '@ecs-twin/manifest/model/cpu-units';

export interface CpuLimit {
  /** What the container is given (NanoCpus). */
  readonly nanoCpus: number;
  /** The task asked for more than the host has: `nanoCpus` is the host's whole CPU. */
  readonly clamped: boolean;
}

/** The container's NanoCpus: the task's size, at most the host's CPUs (unknown host = no clamp). */
export function cpuLimitOnHost(cpuUnits: number, hostCpus: number | undefined): CpuLimit {
  const declared = nanoCpusOf(cpuUnits);
  if (!hostCpus || hostCpus <= 0) return { nanoCpus: declared, clamped: false };
  const host = Math.round(hostCpus * 1e9);
  return declared > host ? { nanoCpus: host, clamped: true } : { nanoCpus: declared, clamped: false };
}

/** The warning, said once per task definition revision. */
export function cpuClampWarning(taskDefinition: string, cpuUnits: number, hostCpus: number): string {
  return (
    `task definition ${taskDefinition} asks for ${cpuUnits / 1024} vCPU (cpu: ${cpuUnits}) and this host has ${hostCpus}: ` +
    `its containers are limited to ${hostCpus} vCPU here (CPU% and the deployer still use ${cpuUnits} units).`
  );
}

import type { ContainerExit } from '../docker/index.js';
import { STOPPED_REASON, type StopCode } from './task.js';

/** Why a task whose container exited on its own stopped, in ECS's words. */
export function exitedTaskReason(exit: ContainerExit | undefined): { stopCode: StopCode; stoppedReason: string; exitCode?: number } {
  if (!exit) return { stopCode: 'EssentialContainerExited', stoppedReason: STOPPED_REASON.essentialExited };
  // The kernel's OOM killer sends SIGKILL: Docker reports OOMKilled and 137.
  if (exit.oomKilled) return { stopCode: 'EssentialContainerExited', stoppedReason: STOPPED_REASON.outOfMemory, exitCode: 137 };
  return { stopCode: 'EssentialContainerExited', stoppedReason: STOPPED_REASON.essentialExited, exitCode: exit.exitCode };
}

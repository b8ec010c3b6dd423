// Service events worded as ECS words them (aws-fidelity.md §7).
const tasksList = (ids: readonly string[]) => ids.map((id) => `(task ${id})`).join(' ');

export const serviceMessages = {
  started: (service: string, ids: readonly string[]) => `(service ${service}) has started ${ids.length} tasks: ${tasksList(ids)}.`,
  stopped: (service: string, ids: readonly string[]) => `(service ${service}) has stopped ${ids.length} running tasks: ${tasksList(ids)}.`,
  steady: (service: string) => `(service ${service}) has reached a steady state.`,
  failedToStart: (service: string, id: string, reason: string) => `(service ${service}) was unable to start (task ${id}): ${reason}`,
  taskExited: (service: string, id: string, reason: string, exitCode: number | undefined) =>
    `(service ${service}) (task ${id}) stopped: ${reason}${exitCode === undefined ? '' : ` (exit code ${exitCode})`}.`,
  throttled: (service: string, seconds: number) =>
    `(service ${service}) is unable to consistently start tasks successfully: next attempt in ${seconds} s.`,
};

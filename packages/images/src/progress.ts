/** Human progress lines ("staging users", "built service-users:v0.0.1 in 4.2 s"). */
export type ProgressFn = (line: string) => void;

export const stderrProgress: ProgressFn = (line) => {
  process.stderr.write(`[images] ${line}\n`);
};

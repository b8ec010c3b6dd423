import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

/**
 * Where the vegeta binary is: $VEGETA_BIN, then PATH, then Go's bin directory
 * (`go install github.com/tsenart/vegeta/v12@latest` puts it in $(go env GOPATH)/bin,
 * which is often not on PATH). Undefined when it is not installed.
 */
export function findVegeta(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = [
    env.VEGETA_BIN,
    ...(env.PATH ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, 'vegeta')),
    goBin(env),
    join(homedir(), 'go', 'bin', 'vegeta'),
  ];
  return candidates.find((path): path is string => path !== undefined && isExecutable(path));
}

function goBin(env: NodeJS.ProcessEnv): string | undefined {
  if (env.GOPATH) return join(env.GOPATH.split(delimiter)[0]!, 'bin', 'vegeta');
  try {
    const gopath = execFileSync('go', ['env', 'GOPATH'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 }).trim();
    return gopath ? join(gopath, 'bin', 'vegeta') : undefined;
  } catch {
    return undefined;
  }
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

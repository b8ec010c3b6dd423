// Integration tier: fail fast with one clear line when no Docker engine answers,
// and note when this run began so the teardown only sweeps what this run made.
import { existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const RUN_START_FILE = join(tmpdir(), `ecs-twin-jest-run-${process.pid}.start`);

export default async function globalSetup() {
  const socket = (process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock').replace(/^unix:\/\//, '');
  if (!process.env.DOCKER_HOST && !existsSync(socket)) {
    throw new Error(`No Docker engine at ${socket}: start one (sudo dockerd &) or set DOCKER_HOST.`);
  }
  process.env.ECS_TWIN_TEST = 'true';
  // Docker's clock has second resolution; step back one so nothing made in this second is missed.
  writeFileSync(RUN_START_FILE, String(Math.floor(Date.now() / 1000) - 1));
}

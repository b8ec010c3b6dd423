// Integration tier: fail fast with one clear line when no Docker engine answers.
import { existsSync } from 'node:fs';
export default async function globalSetup() {
  const socket = (process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock').replace(/^unix:\/\//, '');
  if (!process.env.DOCKER_HOST && !existsSync(socket)) {
    throw new Error(`No Docker engine at ${socket}: start one (sudo dockerd &) or set DOCKER_HOST.`);
  }
}

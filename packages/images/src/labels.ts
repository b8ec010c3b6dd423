/** Labels put on images this builder makes; the emulator and `pnpm images` read them back. */
export const IMAGE_LABEL = {
  /** Manifest service key (`users`). */
  service: 'ecs-twin.service',
  /** Image tag (`v0.0.1`). */
  version: 'ecs-twin.version',
  /** OCI standard label carrying the same version. */
  ociVersion: 'org.opencontainers.image.version',
  /** sha256 of the staged build context plus the base image id: equal hash, same image. */
  contextHash: 'ecs-twin.context-hash',
  /** sha256 of the service's sources and build inputs: lets an unchanged rebuild skip staging entirely. */
  sourceHash: 'ecs-twin.source-hash',
  /** On offline base images: how they were made. */
  base: 'ecs-twin.base',
} as const;

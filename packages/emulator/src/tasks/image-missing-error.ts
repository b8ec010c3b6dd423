import { TwinError } from '@ecs-twin/manifest/twin-error';

/** An image the stack needs is neither present nor buildable from the manifest. */
export class ImageMissingError extends TwinError {
  readonly name = 'ImageMissingError';
  constructor(
    readonly image: string,
    readonly serviceName: string,
  ) {
    super(`find image ${image} for ${serviceName}: not present locally, and the manifest has no build for it`, {
      hints: [`Build or load ${image} (docker build / docker load), or add \`build: { context: ... }\` to the service in stack.yaml.`],
    });
  }
}

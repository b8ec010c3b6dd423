// Docker platforms (`linux/amd64`, `linux/arm64`): the host's, and the one an image was built for.

/** The platform this host builds for when none is asked: an arm64 laptop builds arm64 images. */
export function hostPlatform(): string {
  return `linux/${process.arch === 'arm64' ? 'arm64' : process.arch === 'x64' ? 'amd64' : process.arch}`;
}

/** `linux/amd64` from an image inspect's Os and Architecture. */
export function imagePlatform(image: { Os?: string; Architecture?: string }): string {
  return `${image.Os ?? 'linux'}/${image.Architecture ?? 'unknown'}`;
}

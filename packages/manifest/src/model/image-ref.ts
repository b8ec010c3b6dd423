/** The reference Docker and ECS name an image by: `<repository>:<tag>`. */
export function imageRef(image: { readonly repository: string; readonly tag: string }): string {
  return `${image.repository}:${image.tag}`;
}

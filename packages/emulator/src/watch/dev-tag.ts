/** `v0.0.1-dev.3` -> `v0.0.1`: the tag a dev build counts from. */
export function baseTag(tag: string): string {
  return tag.replace(/-dev\.\d+$/, '');
}

/**
 * The tag of a watch-mode build: `<base>-dev.<n>`, n being the revision it will
 * most likely become (one past the revisions registered so far), so every
 * rebuild is its own immutable tag and a rollback has the old image to go back to.
 */
export function devTag(currentTag: string, registeredRevisions: number): string {
  return `${baseTag(currentTag)}-dev.${registeredRevisions + 1}`;
}

// Shared by the image integration tests: where the services live and the
// exact bodies the tutorial's Go services answered (json.Encoder adds the "\n").
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
export const USERS_CONTEXT = `${REPO_ROOT}packages/services/users`;
export const PRODUCTS_CONTEXT = `${REPO_ROOT}packages/services/products`;

export const USERS_BODY =
  '[{"id":1,"name":"John Doe","email":"jhon@gmail.com"},{"id":2,"name":"Jane Doe","email":"jane@gmail.com"}]\n';
export const PRODUCTS_BODY =
  '[{"id":1,"name":"Laptop","price":1000},{"id":2,"name":"Mouse","price":20},{"id":3,"name":"Keyboard","price":50}]\n';

/** Silences progress in tests while keeping it for failure messages. */
export function collectProgress(): { lines: string[]; onProgress: (line: string) => void } {
  const lines: string[] = [];
  return { lines, onProgress: (line) => lines.push(line) };
}

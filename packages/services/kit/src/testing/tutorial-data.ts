// What the tutorial's services answer and how their e2e tests configure them,
// shared because each service's test also starts (or stands in for) the other.
import type { ServiceConfig } from '../config/index.js';

/** `GET /users`, byte for byte as the Go encoder writes it (trailing newline). */
export const USERS_BODY =
  '[{"id":1,"name":"John Doe","email":"jhon@gmail.com"},{"id":2,"name":"Jane Doe","email":"jane@gmail.com"}]\n';
/** `GET /products`, likewise. */
export const PRODUCTS_BODY =
  '[{"id":1,"name":"Laptop","price":1000},{"id":2,"name":"Mouse","price":20},{"id":3,"name":"Keyboard","price":50}]\n';

/** A service's config in the e2e tests: version v0.0.2, the given upstream. */
export function testConfig(upstreamBaseUrl: string, upstreamTimeoutMs = 5000): ServiceConfig {
  return { port: 3000, apiVersion: 'v0.0.2', upstreamBaseUrl, upstreamTimeoutMs };
}

// The one place adapters send commands through: maps failures to typed errors,
// and turns "not found" codes into undefined where the caller expects absence.
import { errorCode, mapAwsError } from './map-error.js';

export async function awsCall<T>(action: string, resource: string, send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (e) {
    throw mapAwsError(e, { action, resource });
  }
}

/** Like awsCall, but resolves to undefined when AWS answers with one of `absent`. */
export async function awsFind<T>(action: string, resource: string, absent: readonly string[], send: () => Promise<T>): Promise<T | undefined> {
  try {
    return await send();
  } catch (e) {
    if (absent.includes(errorCode(e))) return undefined;
    throw mapAwsError(e, { action, resource });
  }
}

/** Collects every page of a paginated call. */
export async function allPages<P, T>(
  fetch: (token: string | undefined) => Promise<P>,
  items: (page: P) => readonly T[] | undefined,
  next: (page: P) => string | undefined,
): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  do {
    const page = await fetch(token);
    out.push(...(items(page) ?? []));
    token = next(page);
  } while (token);
  return out;
}

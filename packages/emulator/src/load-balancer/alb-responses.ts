// Responses the load balancer generates itself, with ALB's status lines, its
// `Server: awselb/2.0` header and its small HTML bodies, so clients and tests
// see what they would see in front of a real ALB.
import type { ServerResponse } from 'node:http';

export type AlbErrorStatus = 502 | 503 | 504;

const TITLES: Record<AlbErrorStatus, string> = {
  502: '502 Bad Gateway',
  503: '503 Service Temporarily Unavailable',
  504: '504 Gateway Time-out',
};

function page(title: string): Buffer {
  return Buffer.from(`<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n</body>\r\n</html>\r\n`);
}

// Built once: these are sent on hot error paths (e.g. a load test against an empty group).
const BODIES: Record<AlbErrorStatus, Buffer> = { 502: page(TITLES[502]), 503: page(TITLES[503]), 504: page(TITLES[504]) };

/** The HTML body ALB sends with this status. */
export function albErrorBody(status: AlbErrorStatus): string {
  return BODIES[status].toString();
}

/**
 * Answers with ALB's own error. When the target's response has already begun,
 * a status can no longer be sent: the client connection is cut, as ALB does.
 */
export function sendAlbError(res: ServerResponse, status: AlbErrorStatus): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (res.writableEnded || res.destroyed) return;
  const body = BODIES[status];
  res.writeHead(status, TITLES[status].slice(4), [
    'Server', 'awselb/2.0',
    'Content-Type', 'text/html',
    'Content-Length', String(body.length),
  ]);
  res.end(body);
}

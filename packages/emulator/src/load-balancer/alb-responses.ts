// Responses the load balancer generates itself, with ALB's status lines, its
// `Server: awselb/2.0` header and its small HTML bodies, so clients and tests
// see what they would see in front of a real ALB. Written as raw bytes on the
// client connection (the listener speaks HTTP/1.1 itself, see client-connection.ts).

export type AlbErrorStatus = 400 | 405 | 414 | 502 | 503 | 504;

const TITLES: Record<AlbErrorStatus, string> = {
  400: '400 Bad Request',
  405: '405 Method Not Allowed',
  414: '414 Request-URI Too Large',
  502: '502 Bad Gateway',
  503: '503 Service Temporarily Unavailable',
  504: '504 Gateway Time-out',
};

function page(title: string): string {
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n</body>\r\n</html>\r\n`;
}

/** The HTML body ALB sends with this status. */
export function albErrorBody(status: AlbErrorStatus): string {
  return page(TITLES[status]);
}

/** The whole response, status line to body. */
export function albErrorResponse(status: AlbErrorStatus, keepAlive: boolean, now: Date = new Date()): string {
  const body = albErrorBody(status);
  return (
    `HTTP/1.1 ${TITLES[status]}\r\n` +
    'Server: awselb/2.0\r\n' +
    `Date: ${now.toUTCString()}\r\n` +
    'Content-Type: text/html\r\n' +
    `Content-Length: ${Buffer.byteLength(body)}\r\n` +
    `Connection: ${keepAlive ? 'keep-alive' : 'close'}\r\n` +
    `\r\n${body}`
  );
}

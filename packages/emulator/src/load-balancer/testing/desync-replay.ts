// Sends a desync-corpus case through a listener as raw bytes and reports what
// happened: the listener's status, whether the target got the request, and
// whether the client connection stayed usable. The target is Node's own HTTP
// server with its strict parser (insecureHTTPParser off): it reads exactly the
// bytes the listener sent upstream, so a request the listener smuggled would
// show up there as one more request, or as a parse error.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DesyncCase } from './desync-corpus.js';
import { rawConnect } from './raw-client.js';

export interface StrictTarget {
  readonly port: number;
  /** Requests the strict parser read, in order: the X-Case header (or "" without one), method, url and body. */
  readonly requests: { caseId: string; method: string; url: string; body: string; traced: boolean }[];
  /** Parse errors the strict parser raised on what the listener sent. */
  readonly parseErrors: string[];
  close(): Promise<void>;
}

export async function startStrictTarget(): Promise<StrictTarget> {
  const requests: StrictTarget['requests'] = [];
  const parseErrors: string[] = [];
  const server = createServer({ insecureHTTPParser: false }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const caseId = req.headers['x-case'];
      requests.push({
        caseId: typeof caseId === 'string' ? caseId : '',
        method: req.method ?? '',
        url: req.url ?? '',
        body: Buffer.concat(chunks).toString('latin1'),
        traced: typeof req.headers['x-amzn-trace-id'] === 'string',
      });
      res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': '6' });
      res.end('target');
    });
  });
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    parseErrors.push(`${error.code ?? 'error'}: ${error.message}`);
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    parseErrors,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * The case as bytes on the wire: request line, a Host (when the case has none)
 * and an X-Case marker, the case's headers as `name: value`, and a body shaped
 * by the framing headers the case names exactly (chunked wins, as in RFC 9112).
 * UTF-8, as the guardian (Rust strings) reads its YAML.
 */
export function renderCase(testCase: DesyncCase, caseId: string): Buffer {
  const requestLine = testCase.version === '' ? `${testCase.method} ${testCase.uri}` : `${testCase.method} ${testCase.uri} ${testCase.version}`;
  const hasHost = testCase.headers.some(([name]) => name.toLowerCase() === 'host');
  let head = `${requestLine}\r\n${hasHost ? '' : 'Host: corpus\r\n'}X-Case: ${caseId}\r\n`;
  for (const [name, value] of testCase.headers) head += `${name}: ${value}\r\n`;
  head += '\r\n';
  return Buffer.concat([Buffer.from(head, 'utf8'), Buffer.from(caseBody(testCase), 'latin1')]);
}

function caseBody(testCase: DesyncCase): string {
  const exact = (wanted: string) => testCase.headers.filter(([name]) => name.toLowerCase() === wanted).map(([, value]) => value.trim());
  if (exact('transfer-encoding').some((value) => /chunked[^,]*$/i.test(value))) return '5\r\nhello\r\n0\r\n\r\n';
  const length = exact('content-length').find((value) => /^\d{1,8}$/.test(value));
  return length === undefined ? '' : 'x'.repeat(Number(length));
}

export type ReplayOutcome =
  /** The target served it and the client connection carried the next request. */
  | 'forwarded'
  /** The target served it, then the listener closed the client connection (ALB's defensive mode for Ambiguous). */
  | 'forwarded+closed'
  /** The listener answered 4xx itself and the target never saw it. */
  | 'rejected'
  /** Anything else (no answer, a 5xx, or a request the target saw although the client got an error). */
  | 'other';

export interface ReplayResult {
  readonly outcome: ReplayOutcome;
  /** The status line the client got first, if any. */
  readonly status?: string;
  /** The first answer came from the target (whatever its status). */
  readonly served: boolean;
}

const PROBE = 'GET /probe HTTP/1.1\r\nHost: corpus\r\nX-Case: probe\r\n\r\n';

/** Replays one case on a fresh connection, then sends a probe request on the same connection. */
export async function replayCase(listenerPort: number, testCase: DesyncCase, caseId: string, timeoutMs = 3000): Promise<ReplayResult> {
  const client = await rawConnect(listenerPort);
  const deadline = setTimeout(() => client.socket.destroy(), timeoutMs);
  try {
    client.socket.write(renderCase(testCase, caseId));
    const first = await client.read((text) => completeResponses(text, testCase.method).length >= 1);
    const status = completeResponses(first, testCase.method)[0];
    if (status === undefined) return { outcome: 'other', served: false };
    // The listener's own answers carry ALB's `Server: awselb/2.0`; everything else came from the target.
    const served = !/\r\nServer: awselb\/2\.0\r\n/i.test(first.slice(0, first.indexOf('\r\n\r\n') + 2));
    if (!client.socket.destroyed && !client.socket.writableEnded) client.socket.write(PROBE);
    const all = await client.read((text) => completeResponses(text, testCase.method).length >= 2);
    const probed = completeResponses(all, testCase.method).length >= 2;
    const code = Number(status.split(' ')[1]);
    if (served && code === 200) return { outcome: probed ? 'forwarded' : 'forwarded+closed', status, served };
    if (!served && code >= 400 && code < 500) return { outcome: 'rejected', status, served };
    return { outcome: 'other', status, served };
  } finally {
    clearTimeout(deadline);
    client.socket.destroy();
  }
}

/** Status lines of the complete responses in `text` (the first answers `method`, the probe is a GET). */
function completeResponses(text: string, method: string): string[] {
  const statuses: string[] = [];
  let at = 0;
  while (at < text.length) {
    const headEnd = text.indexOf('\r\n\r\n', at);
    if (headEnd < 0) break;
    const head = text.slice(at, headEnd);
    const length = statuses.length === 0 && method === 'HEAD' ? 0 : Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
    if (text.length < headEnd + 4 + length) break;
    statuses.push(head.split('\r\n')[0]!);
    at = headEnd + 4 + length;
  }
  return statuses;
}

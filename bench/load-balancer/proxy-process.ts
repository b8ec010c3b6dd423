// The part every comparison proxy child process shares: its arguments (task
// ports as JSON, the port to listen on) and its life (listen on 127.0.0.1, tell
// the parent the port as a JSON line, close everything on SIGTERM).
import type { Server } from 'node:http';

export function proxyProcessArgs(): { taskPorts: number[]; listenPort: number } {
  return { taskPorts: JSON.parse(process.argv[2] ?? '[]') as number[], listenPort: Number(process.argv[3] ?? 0) };
}

export function serveUntilSigterm(server: Server, listenPort: number, release: () => void): void {
  server.keepAliveTimeout = 60_000;
  server.listen(listenPort, '127.0.0.1', () => {
    const address = server.address();
    process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`);
  });
  process.once('SIGTERM', () => {
    server.close();
    server.closeAllConnections();
    release();
    process.exit(0);
  });
}

import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { request } from 'node:http';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Supervisor } from './supervisor.js';

// The supervisor with real processes and sockets (no Docker): the control loops
// are a stand-in that answers with its pid through the real SupervisorLink.
const FIXTURE = fileURLToPath(new URL('./testing/pid-control-loops.ts', import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

function get(port: number): Promise<{ status: number; body: string } | { error: string }> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/', agent: false, timeout: 20_000 }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }));
    req.end();
  });
}

describe('the background emulator\'s supervisor', () => {
  let children: ChildProcess[];
  let serving: ((m: { port: number; restart: boolean }) => void)[];
  let exited: Promise<number>;
  let supervisor: Supervisor;

  beforeEach(() => {
    children = [];
    serving = [];
    let onExit!: (code: number) => void;
    exited = new Promise((r) => (onExit = r));
    supervisor = new Supervisor({
      spawnControlLoops: () => {
        const child = spawn(process.execPath, ['--import', TSX, FIXTURE], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: { ...process.env, NODE_OPTIONS: '' } });
        child.on('message', (m: { kind?: string; port: number; restart: boolean }) => m.kind === 'test-serving' && serving.shift()?.(m));
        children.push(child);
        return child;
      },
      log: () => undefined,
      onExit,
    });
  });

  afterEach(async () => {
    supervisor.stop();
    await exited;
  });

  const nextServing = () => new Promise<{ port: number; restart: boolean }>((r) => serving.push(r));

  it('keeps the port while the control loops are SIGKILLed and restarted: connections wait, none is refused', async () => {
    const first = nextServing();
    supervisor.start();
    supervisor.give({ file: 'stack.yaml', timing: 'local' });
    const { port } = await first;
    const before = await get(port);
    expect(before).toEqual({ status: 200, body: String(children[0]!.pid) });

    const restarted = nextServing();
    children[0]!.kill('SIGKILL');
    // Sent while no control loops run: each waits in the supervisor.
    const during = await Promise.all(Array.from({ length: 10 }, () => get(port)));
    expect(await restarted).toEqual({ kind: 'test-serving', port, restart: true });
    expect(children).toHaveLength(2);
    expect(during).toEqual(during.map(() => ({ status: 200, body: String(children[1]!.pid) })));
  }, 30_000);

  it('stops, and does not restart, when asked to stop', async () => {
    const first = nextServing();
    supervisor.start();
    supervisor.give({ file: 'stack.yaml', timing: 'local' });
    const { port } = await first;
    supervisor.stop();
    expect(await exited).toBe(0);
    expect(children).toHaveLength(1);
    expect(await get(port)).toEqual({ error: 'ECONNREFUSED' });
  }, 30_000);
});

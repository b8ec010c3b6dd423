// Debian's docker-registry (distribution 2.8) on 127.0.0.1, with htpasswd auth
// for user AWS, so a push goes through the same login an ECR push does.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REGISTRY_BINARY = '/usr/bin/docker-registry';

export interface LocalRegistry {
  /** `127.0.0.1:PORT` */
  readonly address: string;
  tags(repository: string): Promise<string[]>;
  /** `linux/amd64`: os/architecture from the pushed image's config blob (registry API v2). */
  platform(repository: string, tag: string): Promise<string>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer().once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

/** bcrypt line for htpasswd, made with Python's crypt (glibc's libxcrypt does bcrypt). */
function htpasswdLine(user: string, password: string): string {
  const py = `import crypt,sys; print(sys.argv[1] + ':' + crypt.crypt(sys.argv[2], crypt.mksalt(crypt.METHOD_BLOWFISH)))`;
  const r = spawnSync('python3', ['-W', 'ignore', '-c', py, user, password], { encoding: 'utf8' });
  if (r.status !== 0 || !r.stdout.includes('$2')) throw new Error(`cannot make a bcrypt htpasswd line: ${r.stderr}`);
  return r.stdout.trim();
}

export async function startRegistry(user: string, password: string): Promise<LocalRegistry> {
  if (!existsSync(REGISTRY_BINARY)) throw new Error(`${REGISTRY_BINARY} missing: apt-get install docker-registry (.ci/run does)`);
  const dir = mkdtempSync(join(tmpdir(), 'ecs-twin-registry-'));
  const port = await freePort();
  const address = `127.0.0.1:${port}`;
  writeFileSync(join(dir, 'htpasswd'), `${htpasswdLine(user, password)}\n`);
  writeFileSync(join(dir, 'config.yml'), [
    'version: 0.1',
    'log: { level: warn }',
    `storage: { filesystem: { rootdirectory: ${join(dir, 'data')} } }`,
    `http: { addr: "${address}" }`,
    `auth: { htpasswd: { realm: ecs-twin-test, path: ${join(dir, 'htpasswd')} } }`,
  ].join('\n'));
  const child: ChildProcess = spawn(REGISTRY_BINARY, ['serve', join(dir, 'config.yml')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (d: Buffer) => { log = (log + d.toString()).slice(-4000); });
  const authHeader = { Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` };
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`docker-registry exited: ${log}`);
    const ok = await fetch(`http://${address}/v2/`, { headers: authHeader }).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) { child.kill('SIGKILL'); throw new Error(`docker-registry did not answer on ${address}: ${log}`); }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    address,
    async tags(repository) {
      const res = await fetch(`http://${address}/v2/${repository}/tags/list`, { headers: authHeader });
      return res.ok ? ((await res.json()) as { tags?: string[] }).tags ?? [] : [];
    },
    async platform(repository, tag) {
      const manifest = await fetch(`http://${address}/v2/${repository}/manifests/${tag}`, {
        headers: { ...authHeader, Accept: 'application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json' },
      }).then((r) => r.json() as Promise<{ config?: { digest?: string } }>);
      const config = await fetch(`http://${address}/v2/${repository}/blobs/${manifest.config?.digest ?? ''}`, { headers: authHeader })
        .then((r) => r.json() as Promise<{ os?: string; architecture?: string }>);
      return `${config.os}/${config.architecture}`;
    },
    stop: () => new Promise<void>((resolve) => {
      const done = () => { rmSync(dir, { recursive: true, force: true }); resolve(); };
      if (child.exitCode !== null) return done();
      child.once('exit', done);
      child.kill('SIGTERM');
    }),
  };
}

// nginx from Debian as the reference reverse proxy: upstream keepalive to the
// same task ports, run in the foreground with its own pid, logs and temp paths
// under a temp dir, listening on 127.0.0.1 only.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitHealthy } from './tasks.js';

export interface NginxOptions {
  readonly dir: string;
  readonly listenPort: number;
  readonly upstreamPorts: readonly number[];
  /** worker_processes: a number or "auto". */
  readonly workers: string;
}

export function nginxConfig({ dir, listenPort, upstreamPorts, workers }: NginxOptions): string {
  const servers = upstreamPorts.map((port) => `    server 127.0.0.1:${port};`).join('\n');
  return `worker_processes ${workers};
daemon off;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
${process.getuid?.() === 0 ? 'user root;' : ''}
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${join(dir, 'tmp/body')};
  proxy_temp_path ${join(dir, 'tmp/proxy')};
  fastcgi_temp_path ${join(dir, 'tmp/fastcgi')};
  uwsgi_temp_path ${join(dir, 'tmp/uwsgi')};
  scgi_temp_path ${join(dir, 'tmp/scgi')};
  upstream tasks {
${servers}
    keepalive 256;
    # Node services close idle keep-alive connections after 5 s (server.keepAliveTimeout):
    # nginx must let go first, or it reuses connections the service already closed.
    keepalive_timeout 4s;
  }
  server {
    listen 127.0.0.1:${listenPort};
    location / {
      proxy_pass http://tasks;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header X-Forwarded-Port $server_port;
    }
  }
}
`;
}

export interface RunningNginx {
  readonly pid: number;
  stop(): Promise<void>;
}

export async function startNginx(options: NginxOptions): Promise<RunningNginx> {
  mkdirSync(join(options.dir, 'tmp'), { recursive: true });
  chmodSync(options.dir, 0o755);
  const file = join(options.dir, 'nginx.conf');
  writeFileSync(file, nginxConfig(options));
  const child: ChildProcess = spawn('/usr/sbin/nginx', ['-p', options.dir, '-c', file, '-e', join(options.dir, 'error.log')], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGQUIT'); // graceful: the master takes its workers down
      const killed = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killed);
    }
  };
  try {
    await waitHealthy(options.listenPort, '/health', 10_000);
  } catch (error) {
    await stop();
    throw new Error(`start nginx: ${(error as Error).message} (see ${join(options.dir, 'error.log')})`);
  }
  return { pid: child.pid!, stop };
}

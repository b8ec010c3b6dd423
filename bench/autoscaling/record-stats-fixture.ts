// Records consecutive samples of Docker's streamed stats (the endpoint
// dockerode's `container.stats({ stream: true })` reads) from a container
// limited like a Fargate task (0.25 vCPU, 512 MiB), into a fixture for
// packages/emulator/src/metrics/utilization.test.ts.
//
//   pnpm exec tsx bench/autoscaling/record-stats-fixture.ts <image> light|busy > out.json
//
// The image needs /bin/node (any node base image; here the offline base image).
import { execFileSync } from 'node:child_process';
import { request } from 'node:http';

const WORKLOADS = {
  light:
    'const fs=require("fs");fs.writeFileSync("/tmp/f",Buffer.alloc(30<<20,7));const a=[];for(let i=0;i<40;i++)a.push(Buffer.alloc(1<<20,1));setInterval(()=>{const t=Date.now();while(Date.now()-t<10){}},100)',
  busy: 'const a=[];for(let i=0;i<40;i++)a.push(Buffer.alloc(1<<20,1));let x=0;for(;;){x++}',
} as const;

const [image, workload = 'light'] = process.argv.slice(2);
if (!image || !(workload in WORKLOADS)) {
  console.error('usage: record-stats-fixture.ts <image> light|busy');
  process.exit(2);
}
const program = WORKLOADS[workload as keyof typeof WORKLOADS];
const docker = (...args: string[]) => execFileSync('docker', args, { encoding: 'utf8' }).trim();

const id = docker(
  'run', '-d', '--cpus', '0.25', '--memory', '512m',
  '--label', 'ecs-twin.test=true', '--label', 'ecs-twin.stack=metrics-fixture',
  image, '/bin/node', '-e', program,
);
try {
  const samples = await streamStats(id, 4);
  const info = JSON.parse(docker('version', '--format', '{{json .Server}}')) as { Version: string; ApiVersion: string };
  process.stdout.write(
    JSON.stringify(
      {
        recordedWith: 'bench/autoscaling/record-stats-fixture.ts (GET /containers/{id}/stats?stream=1)',
        engine: `Docker ${info.Version}, API ${info.ApiVersion}`,
        hostConfig: { NanoCpus: 250_000_000, Memory: 536_870_912 },
        workload,
        samples,
      },
      null,
      1,
    ) + '\n',
  );
} finally {
  docker('rm', '-f', id);
}

function streamStats(containerId: string, count: number): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const samples: unknown[] = [];
    let pending = '';
    const req = request(
      { socketPath: '/var/run/docker.sock', path: `/containers/${containerId}/stats?stream=1` },
      (res) => {
        res.on('data', (chunk: Buffer) => {
          pending += chunk.toString('utf8');
          const lines = pending.split('\n');
          pending = lines.pop() ?? '';
          for (const line of lines) if (line.trim()) samples.push(JSON.parse(line));
          if (samples.length >= count) {
            req.destroy();
            resolve(samples.slice(0, count));
          }
        });
        res.on('error', reject);
      },
    );
    req.on('error', (error) => (samples.length >= count ? undefined : reject(error)));
    req.end();
  });
}

// Test and benchmark kit for killing a Service Connect agent under load, with
// the real service images: a load client -> products task (/service-users) ->
// `users` (the agents) -> users task. products' own HTTP client (Node's fetch)
// resolves `users` through Docker's DNS as it does in the emulated stack.
import type Docker from 'dockerode';
import { ensureNodeRuntimeImage } from '@ecs-twin/images';
import { stackLabels } from '../../labels/index.js';
import { DockerServiceConnect } from '../docker-service-connect.js';
import { adminAccess } from '../helper-container.js';
import { AGENT_ADMIN_PORT } from '../names.js';
import { USERS_DISCOVERY_NAME } from './discovery-names.js';
import { lastJsonLine, runNodeOnce } from './node-containers.js';

// Open loop: call k leaves at k/RATE s whatever the earlier ones do, so an outage
// shows as failed calls, not as fewer calls.
const LOAD_SCRIPT = `
(async () => {
  const rate = Number(process.env.RATE), n = Number(process.env.N), url = process.env.URL;
  const started = Date.now(); const failures = []; let ok = 0; let done = 0;
  await new Promise((resolve) => {
    for (let i = 0; i < n; i++) setTimeout(async () => {
      const at = Date.now() - started;
      try {
        const res = await fetch(url); const text = await res.text();
        if (res.status === 200) ok++; else failures.push({ at, status: res.status, body: text.trim().slice(0, 160) });
      } catch (e) { failures.push({ at, status: 0, body: String((e.cause && e.cause.code) || e.message) }); }
      if (++done === n) resolve();
    }, (i * 1000) / rate);
  });
  console.log(JSON.stringify({ ok, failures }));
})();
`;

const WAIT_SCRIPT = `
(async () => {
  for (let i = 0; i < 150; i++) {
    try { const res = await fetch(process.env.URL); if (res.status === 200) { console.log(JSON.stringify({ ready: true })); return; } } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  console.log(JSON.stringify({ ready: false }));
})();
`;

export interface LoadResult {
  readonly ok: number;
  /** `at`: ms after the load began; status 500 with products' error text when its call to users failed. */
  readonly failures: ReadonlyArray<{ readonly at: number; readonly status: number; readonly body: string }>;
}

/**
 * A call products had already sent to the killed agent: the kill closed its
 * connection before an answer ("other side closed", or a reset). No proxy design
 * saves those, ECS's per-task Envoy included: SIGKILL takes the connections with
 * it. Every other failure (ENOTFOUND, ECONNREFUSED, timeouts) is a call that found
 * no agent to go to, which a pair prevents.
 */
export function lostInFlight(failure: { readonly body: string }): boolean {
  return /other side closed|ECONNRESET|socket hang up/.test(failure.body);
}

export interface KillRound {
  readonly load: LoadResult;
  /** The agent killed: the one that had forwarded the most calls (products' pooled connection holds it). */
  readonly victimId: string;
  /** Ms from the load's start to the kill, as the test runner saw it. */
  readonly killedAtMs: number;
}

export class AgentKillRig {
  readonly sc: DockerServiceConnect;
  private networkName = '';
  private image = '';
  private productsIp = '';

  constructor(
    private readonly docker: Docker,
    readonly stack: string,
    agentReplicas?: number,
  ) {
    this.sc = new DockerServiceConnect({ stack, namespace: 'ecs-tutorial', docker, ...(agentReplicas ? { agentReplicas } : {}) });
  }

  /** Namespace, agents, a users task behind them, a products task calling them; resolves once products answers. */
  async start(): Promise<void> {
    this.image = await ensureNodeRuntimeImage({ docker: this.docker });
    ({ networkName: this.networkName } = await this.sc.ensureNamespace());
    await this.sc.ensureAgent(USERS_DISCOVERY_NAME);
    const usersIp = await this.startService('users', 'service-users:v0.0.1', { API_VERSION: 'v0.0.1', SERVICE_PRODUCTS: 'http://products:3000' });
    await this.sc.setEndpoints('users', [{ id: 'users-task', address: usersIp, port: 3000 }]);
    this.productsIp = await this.startService('products', 'service-products:v0.0.1', { API_VERSION: 'v0.0.1', SERVICE_USERS: 'http://users:3000' });
    const { output } = await runNodeOnce(this.docker, { stack: this.stack, image: this.image, networkName: this.networkName, script: WAIT_SCRIPT, env: { URL: this.url() } });
    if (!lastJsonLine<{ ready: boolean }>(output).ready) throw new Error('products never answered /service-users');
  }

  /**
   * `rate`/s for `seconds` through products, `docker kill` of the busiest agent
   * at `killAfterMs`, then what the runtime does on its `die` event
   * (StackRuntime.restoreAgents: 200 ms, then ensureAgent).
   */
  async killUnderLoad(rate: number, seconds: number, killAfterMs: number): Promise<KillRound> {
    const started = Date.now();
    const load = runNodeOnce(this.docker, {
      stack: this.stack,
      image: this.image,
      networkName: this.networkName,
      script: LOAD_SCRIPT,
      env: { URL: this.url(), RATE: String(rate), N: String(Math.round(rate * seconds)) },
    });
    // The load container takes a moment to start; its clock starts when node does.
    await sleep(killAfterMs + 500);
    const running = (await this.agents()).filter((a) => a.State === 'running');
    const counts = await Promise.all(running.map((a) => this.forwarded(a.Id)));
    const victim = running[counts.indexOf(Math.max(...counts))];
    if (!victim || Math.max(...counts) === 0) throw new Error('no agent has forwarded a call yet');
    await this.docker.getContainer(victim.Id).kill();
    const killedAtMs = Date.now() - started;
    await sleep(200);
    await this.sc.ensureAgent(USERS_DISCOVERY_NAME);
    return { load: lastJsonLine<LoadResult>((await load).output), victimId: victim.Id, killedAtMs };
  }

  agents(): Promise<Docker.ContainerInfo[]> {
    return this.docker.listContainers({ all: true, filters: { label: [`ecs-twin.stack=${this.stack}`, 'ecs-twin.role=service-connect-agent'] } });
  }

  /** One agent's own endpoint counters (not the pair's sum). */
  async agentStats(agentId: string): Promise<Array<{ id: string; requests: number }>> {
    const { baseUrl, token } = await adminAccess(this.docker, agentId, AGENT_ADMIN_PORT);
    const response = await fetch(`${baseUrl}/endpoints`, { headers: { authorization: `Bearer ${token}` } });
    return (await response.json()) as Array<{ id: string; requests: number }>;
  }

  private async forwarded(agentId: string): Promise<number> {
    return (await this.agentStats(agentId)).reduce((sum, s) => sum + s.requests, 0);
  }

  private url(): string {
    return `http://${this.productsIp}:3000/service-users`;
  }

  private async startService(name: string, image: string, env: Record<string, string>): Promise<string> {
    const container = await this.docker.createContainer({
      name: `${this.stack}_${name}`,
      Image: image,
      Env: Object.entries(env).map(([k, v]) => `${k}=${v}`),
      Labels: stackLabels(this.stack, 'task'),
      HostConfig: { NetworkMode: this.networkName, Memory: 512 * 1024 * 1024 },
    });
    await container.start();
    return (await container.inspect()).NetworkSettings.Networks[this.networkName]!.IPAddress;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

import { readAgentConfig } from './agent/config.mjs';
import { agentEnvironment } from './agent-environment.js';
import { USERS_DISCOVERY_NAME } from './testing/discovery-names.js';

const spec = USERS_DISCOVERY_NAME;

describe('agent environment', () => {
  it("gives the agent Service Connect's defaults when nothing is overridden", () => {
    const config = readAgentConfig(agentEnvironment(spec, {}));
    expect(config).toMatchObject({
      discoveryName: 'users',
      listenPort: 3000,
      adminPort: 9901,
      perRequestTimeoutMs: 15_000,
      idleTimeoutMs: 300_000,
      retries: 2,
      outlier: { failures: 5, windowMs: 30_000, baseEjectionMs: 30_000, maxEjectionMs: 300_000 },
    });
  });

  it('passes ECS_TWIN_SC_* of the emulator process to the agent (tests shorten outlier detection)', () => {
    const env = agentEnvironment(spec, { ECS_TWIN_SC_OUTLIER_FAILURES: '2', ECS_TWIN_SC_OUTLIER_BASE_EJECTION_MS: '500', PATH: '/bin' });
    expect(env).not.toHaveProperty('PATH');
    expect(readAgentConfig(env).outlier).toMatchObject({ failures: 2, baseEjectionMs: 500 });
  });

  it('lets explicit tuning replace the process variables, never the spec', () => {
    const env = agentEnvironment({ ...spec, port: 9901, idleTimeoutSeconds: 0 }, { ECS_TWIN_SC_RETRIES: '5' }, { SC_RETRIES: '1', SC_LISTEN_PORT: '1' });
    const config = readAgentConfig(env);
    expect(config).toMatchObject({ retries: 1, listenPort: 9901, adminPort: 9902, idleTimeoutMs: 0 });
  });

  it('refuses a malformed number', () => {
    expect(() => readAgentConfig({ SC_RETRIES: 'two' })).toThrow(/SC_RETRIES=two/);
  });
});

import { ConfigError, loadConfig } from './service-config.js';

describe('loadConfig', () => {
  it('applies the defaults when only the tutorial variables are set', () => {
    expect(loadConfig({ API_VERSION: 'v0.0.2', SERVICE_PRODUCTS: 'http://x:3000', SERVICE_USERS: 'http://y:3000' }, 'SERVICE_PRODUCTS')).toEqual({
      port: 3000,
      apiVersion: 'v0.0.2',
      upstreamBaseUrl: 'http://x:3000',
      upstreamTimeoutMs: 5000,
    });
  });

  it('reads PORT and UPSTREAM_TIMEOUT_MS', () => {
    expect(loadConfig({ PORT: '8080', UPSTREAM_TIMEOUT_MS: '250' }, 'SERVICE_USERS')).toMatchObject({ port: 8080, upstreamTimeoutMs: 250 });
  });

  it('rejects a PORT that is not a positive integer, naming the variable', () => {
    expect(() => loadConfig({ PORT: 'abc' }, 'SERVICE_USERS')).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: '-1' }, 'SERVICE_USERS')).toThrow(/^PORT="-1": expected a positive integer/);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadStack, loadStackFromString } from '../load/index.js';
import { repoRoot, testdata } from '../testing/index.js';
import { composeYaml, generateCompose } from './generate-compose.js';

const composeDir = join(repoRoot, 'compose');

describe('generateCompose', () => {
  it('matches the committed compose/docker-compose.yml', async () => {
    const stack = await loadStack(join(repoRoot, 'stack.yaml'));
    const committed = readFileSync(join(composeDir, 'docker-compose.yml'), 'utf8');
    // On failure: pnpm manifest compose > compose/docker-compose.yml
    expect(committed).toBe(composeYaml(generateCompose(stack, { outputDir: composeDir }), 'stack.yaml'));
  });

  it('maps the tutorial: images, limits, aliases, loopback-only ports, labels', async () => {
    const stack = await loadStack(join(repoRoot, 'stack.yaml'));
    const compose = generateCompose(stack, { outputDir: composeDir });
    expect(Object.keys(compose.services)).toEqual(['users', 'products']);
    expect(compose.networks).toEqual({ 'ecs-tutorial': { labels: { 'ecs-twin.compose-stack': 'ecs-tutorial', 'ecs-twin.source': 'compose' } } });
    expect(compose.services['users']).toMatchObject({
      image: 'service-users:v0.0.1',
      build: { context: '../packages/services/users', dockerfile: 'Dockerfile' },
      environment: { API_VERSION: 'v0.0.1', SERVICE_PRODUCTS: 'http://products:3000' },
      cpus: 0.25,
      mem_limit: '512m',
      ports: ['127.0.0.1:8000:3000'],
      networks: { 'ecs-tutorial': { aliases: ['users'] } },
      labels: { 'ecs-twin.compose-stack': 'ecs-tutorial', 'ecs-twin.service': 'users' },
    });
    expect(compose.services['products']!.ports).toEqual(['127.0.0.1:8001:3000']);
    // The YAML reads back as the same data.
    expect(parse(composeYaml(compose, 'stack.yaml'))).toEqual(JSON.parse(JSON.stringify(compose)));
  });

  it('names one compose service per container when a task has several, publishes only the load-balanced one, and shares its network namespace', () => {
    const text = readFileSync(testdata('valid', 'base.yaml'), 'utf8').replace(
      '            WEB_URL: http://web:3000\n',
      '            WEB_URL: http://web:3000\n            PRICE: $5\n        - name: sidecar\n          image: sidecar:v2\n          essential: false\n',
    );
    const stack = loadStackFromString(text, join(repoRoot, 'mini.yaml'));
    const compose = generateCompose(stack, { outputDir: repoRoot });
    expect(Object.keys(compose.services)).toEqual(['api-api-app', 'api-sidecar', 'web']);
    expect(compose.services['api-api-app']!.ports).toEqual(['127.0.0.1:8000:3000']);
    expect(compose.services['api-sidecar']).toMatchObject({ image: 'sidecar:v2', restart: 'no', network_mode: 'service:api-api-app', depends_on: ['api-api-app'] });
    expect(compose.services['api-sidecar']!.ports).toBeUndefined();
    // As in an awsvpc task: the sidecar is on localhost of the main container, which alone joins the namespace.
    expect(compose.services['api-sidecar']!.networks).toBeUndefined();
    expect(compose.services['api-api-app']!.networks).toEqual({ mini: { aliases: expect.any(Array) } });
    // docker-compose v1 reads YAML 1.1, where a bare `no` is false and refused as a restart policy.
    expect(composeYaml(compose, 'stack.yaml')).toContain('restart: "no"\n');
    // Compose would interpolate $5; ECS passes it literally.
    expect(compose.services['api-api-app']!.environment?.['PRICE']).toBe('$$5');
    expect(compose.services['web']).toMatchObject({ cpus: 0.5, mem_limit: '1024m', ports: ['127.0.0.1:8001:3000'] });
  });

  it("passes a container's entryPoint and command through, with $ escaped, and omits them when absent", () => {
    const text = readFileSync(testdata('valid', 'base.yaml'), 'utf8').replace(
      '          image: api:v1\n',
      '          image: api:v1\n          entryPoint: [node]\n          command: ["-e", "console.log(process.env.$HOME)"]\n',
    );
    const compose = generateCompose(loadStackFromString(text, join(repoRoot, 'mini.yaml')), { outputDir: repoRoot });
    expect(compose.services['api']).toMatchObject({ entrypoint: ['node'], command: ['-e', 'console.log(process.env.$$HOME)'] });
    expect(compose.services['web']).not.toHaveProperty('command');
    expect(compose.services['web']).not.toHaveProperty('entrypoint');
  });
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { findVegeta } from './find-vegeta.js';
import { stressCommand } from './stress-command.js';
import type { StressReport } from './stress-report.js';

// The real vegeta binary (CI installs it; this test fails, not skips, without
// it) attacking an in-process server on 127.0.0.1.
describe('stressCommand with vegeta', () => {
  let server: Server;
  let url: string;
  const hits: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      hits.push(req.url ?? '');
      setTimeout(() => {
        res.statusCode = hits.length % 10 === 0 ? 503 : 200;
        res.end('Stress test completed');
      }, 20);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('finds vegeta', () => {
    expect(findVegeta()).toMatch(/vegeta$/);
  });

  it("runs vegeta's attack with a live line and vegeta's own report", async () => {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = '';
    let err = '';
    stdout.on('data', (c) => (out += c));
    stderr.on('data', (c) => (err += c));
    const code = await stressCommand(['--url', url, '--rate', '40/s', '--duration', '3s', '--tool', 'vegeta', '--json'], {
      stdout,
      stderr,
      taskCount: async () => 2,
    });
    expect(code).toBe(0);
    const report = JSON.parse(out) as StressReport;
    expect(report.tool).toBe('vegeta');
    expect(report.requests).toBe(120); // vegeta paces exactly: 40/s x 3 s
    expect(report.rate).toBeGreaterThan(38);
    expect(report.statusCodes['200']! + report.statusCodes['503']!).toBe(120);
    expect(report.success).toBeCloseTo(0.9, 1);
    expect(report.latencyMs.p50).toBeGreaterThanOrEqual(20);
    expect(hits.filter((h) => h === '/stress-test')).toHaveLength(120);
    expect(err).toMatch(/rate \d+\.\d\/s {2}done \d+ {2}success \d+\.\d\d% {2}p50 [\d.]+ms {2}p99 [\d.]+ms {2}tasks 2/);
  });

  it('prints the text report by default', async () => {
    const stdout = new PassThrough();
    let out = '';
    stdout.on('data', (c) => (out += c));
    const code = await stressCommand(['--url', url, '--rate', '10', '--duration', '1s', '--tool', 'vegeta'], {
      stdout,
      stderr: new PassThrough(),
    });
    expect(code).toBe(0);
    expect(out).toMatch(/^Requests {6}\[total, rate, throughput\] {9}10, /m);
    expect(out).toMatch(/^Latencies {5}\[min, mean, 50, 90, 95, 99, max\]/m);
  });
});

import { formatStressReport, fromVegetaReport, type VegetaJsonReport } from './stress-report.js';

// A real `vegeta report -type=json` output (3 requests against a local server).
const recorded: VegetaJsonReport = {
  latencies: { mean: 27891466, '50th': 25569583, '90th': 36727442, '95th': 36727442, '99th': 36727442, max: 36727442, min: 21377373 },
  bytes_in: { total: 6, mean: 2 },
  duration: 86437886,
  wait: 21377373,
  requests: 3,
  rate: 34.707003361928585,
  throughput: 27.82537488501512,
  success: 1,
  status_codes: { '200': 3 },
  errors: [],
};

describe('vegeta report', () => {
  it('converts vegeta JSON (ns) into the report (ms, s)', () => {
    const report = fromVegetaReport('http://127.0.0.1:8000/stress-test', recorded);
    expect(report.latencyMs.p50).toBeCloseTo(25.569583, 6);
    expect(report.durationSeconds.total).toBeCloseTo(0.107815259, 9);
    expect(report.statusCodes).toEqual({ '200': 3 });
  });

  it('prints it as `vegeta report` does', () => {
    const text = formatStressReport(fromVegetaReport('http://127.0.0.1:8000/stress-test', recorded));
    expect(text).toContain('Requests      [total, rate, throughput]         3, 34.71, 27.83\n');
    expect(text).toContain('Duration      [total, attack, wait]             107.815ms, 86.438ms, 21.377ms\n');
    expect(text).toContain('Latencies     [min, mean, 50, 90, 95, 99, max]  21.377ms, 27.891ms, 25.570ms, 36.727ms, 36.727ms, 36.727ms, 36.727ms\n');
    expect(text).toContain('Success       [ratio]                           100.00%\n');
    expect(text).toContain('Status Codes  [code:count]                      200:3\n');
  });

  it('tolerates null status codes and errors (vegeta with no results)', () => {
    const report = fromVegetaReport('u', { ...recorded, requests: 0, status_codes: null, errors: null });
    expect(report.statusCodes).toEqual({});
    expect(report.errors).toEqual([]);
  });
});

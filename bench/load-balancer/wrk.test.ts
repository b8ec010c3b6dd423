import { parseWrk, wrkArgs } from './wrk.js';

const SAMPLE = `Running 15s test @ http://127.0.0.1:8000/users
  2 threads and 50 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    12.34ms    3.21ms  80.00ms   90.00%
    Req/Sec     2.01k   150.00     2.40k    70.00%
  Latency Distribution
     50%   11.80ms
     75%   13.10ms
     90%   15.00ms
     99%    1.02s
  60123 requests in 15.01s, 20.00MB read
  Socket errors: connect 0, read 2, write 0, timeout 3
  Non-2xx or 3xx responses: 7
Requests/sec:   4005.53
Transfer/sec:      1.33MB
`;

describe('parseWrk', () => {
  it('reads throughput, p50, p99 (any unit) and errors', () => {
    expect(parseWrk(SAMPLE)).toEqual({ requestsPerSecond: 4005.53, p50Ms: 11.8, p99Ms: 1020, requests: 60123, errors: 12 });
  });

  it('reads microseconds', () => {
    expect(parseWrk(SAMPLE.replace('11.80ms', '850.00us')).p50Ms).toBeCloseTo(0.85);
  });

  it('fails loudly on output without a summary', () => {
    expect(() => parseWrk('unable to connect to 127.0.0.1:1 Connection refused')).toThrow('summary not found');
  });

  it('passes the same settings to every side', () => {
    expect(wrkArgs('http://127.0.0.1:1/users', { threads: 2, connections: 50, durationSeconds: 15 })).toEqual([
      '-t2', '-c50', '-d15s', '--latency', 'http://127.0.0.1:1/users',
    ]);
  });
});

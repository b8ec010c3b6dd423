// AWS's desync corpus (aws/http-desync-guardian, the library behind ALB's
// desync mitigation mode) through a real listener, case by case, with what
// ALB's default defensive mode does with each tier:
// Compliant and Acceptable are forwarded, Ambiguous is forwarded and then both
// connections are closed, Severe gets 400. Then the differential check: the
// target is Node's strict parser, and it must have read exactly the requests
// the listener forwarded, each once, and nothing it could not parse.
import { DESYNC_CORPUS, type DesyncCase } from './testing/desync-corpus.js';
import { replayCase, startStrictTarget, type ReplayOutcome, type StrictTarget } from './testing/desync-replay.js';
import { INTERVAL_MS, TG, startAlb, type StartedAlb } from './testing/fixtures.js';

/**
 * Ambiguous cases the listener answers with 400 instead (docs/fidelity-deviations.md): a request whose
 * Transfer-Encoding does not end in chunked has no length a recipient can trust (RFC 9112 §6.3 says 400),
 * and there is no Content-Length left to forward once the Transfer-Encoding wins.
 */
const REJECTED_AMBIGUOUS = new Set(['Both Transfer-Encoding and Content-Length', 'Transfer-Encoding: identity and Content-Length']);

function expectedOutcome(testCase: DesyncCase): ReplayOutcome {
  switch (testCase.tier) {
    case 'Compliant':
      return 'forwarded';
    case 'Acceptable':
      // HTTP/0.9 goes on as HTTP/1.0, which closes after its response.
      return testCase.version === '' || testCase.version === 'HTTP/0.9' ? 'forwarded+closed' : 'forwarded';
    case 'Ambiguous':
      return REJECTED_AMBIGUOUS.has(testCase.name) ? 'rejected' : 'forwarded+closed';
    case 'Severe':
      return 'rejected';
  }
}

let lb: StartedAlb;
let target: StrictTarget;
const forwarded = new Set<string>();

beforeAll(async () => {
  target = await startStrictTarget();
  lb = await startAlb();
  lb.alb.registerTargets(TG, [{ id: 't', host: '127.0.0.1', port: target.port }]);
  await lb.clock.advance(INTERVAL_MS);
});

afterAll(async () => {
  await lb.stop();
  await target.close();
});

const cases = DESYNC_CORPUS.map((testCase, index) => ({ testCase, id: String(index + 1), label: `${testCase.tier} ${testCase.file}: ${testCase.name}` }));

describe('desync corpus through the listener', () => {
  it.each(cases)('$label', async ({ testCase, id }) => {
    const result = await replayCase(lb.port, testCase, id);
    if (result.outcome === 'forwarded' || result.outcome === 'forwarded+closed') forwarded.add(id);
    expect(result.outcome).toBe(expectedOutcome(testCase));
  });

  it("the target's strict parser read exactly the forwarded requests, each once, all from the listener", () => {
    const read = target.requests.filter((request) => request.caseId !== 'probe');
    expect(target.parseErrors).toEqual([]);
    expect(read.map((request) => request.caseId).sort()).toEqual([...forwarded].sort());
    expect(read.every((request) => request.traced)).toBe(true);
  });

  it('counts every case that is not Compliant as DesyncMitigationMode_NonCompliant_Request_Count', () => {
    const nonCompliant = DESYNC_CORPUS.filter((testCase) => testCase.tier !== 'Compliant').length;
    expect(lb.alb.listeners()[0]!.DesyncMitigationMode_NonCompliant_Request_Count).toBe(nonCompliant);
  });
});

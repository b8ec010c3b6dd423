import { nanoCpusOf, vcpusOf } from './cpu-units.js';

describe('CPU units', () => {
  it("converts a task's CPU units to vCPUs and to Docker's NanoCpus", () => {
    expect(vcpusOf(256)).toBe(0.25);
    expect(vcpusOf(4096)).toBe(4);
    expect(nanoCpusOf(256)).toBe(250_000_000);
    expect(nanoCpusOf(1024)).toBe(1_000_000_000);
  });
});

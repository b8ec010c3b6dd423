import { LaunchAdmission, admittedLaunches, taskVcpusOnHost } from './admission.js';

describe('host-aware launch admission', () => {
  it('admits launches while the booting tasks ask for at most the budget', () => {
    expect(admittedLaunches(30, 0.25, 0, 2)).toBe(8);
    expect(admittedLaunches(30, 0.25, 1.5, 2)).toBe(2);
    expect(admittedLaunches(30, 0.25, 2, 2)).toBe(0);
    expect(admittedLaunches(3, 0.25, 0, 2)).toBe(3);
    expect(admittedLaunches(0, 0.25, 0, 2)).toBe(0);
  });

  it('always lets one task start when nothing boots, however large it is', () => {
    expect(admittedLaunches(2, taskVcpusOnHost(4096, 2), 0, 2)).toBe(1);
    expect(admittedLaunches(2, taskVcpusOnHost(4096, 2), 2, 2)).toBe(0);
    expect(admittedLaunches(2, 1, 0, 0.5)).toBe(1);
  });

  it('counts a task larger than the host as the whole host', () => {
    expect(taskVcpusOnHost(4096, 2)).toBe(2);
    expect(taskVcpusOnHost(256, 2)).toBe(0.25);
  });

  it('shares one budget between services, counting what each just launched', () => {
    const admission = new LaunchAdmission(2);
    expect(admission.room('users', 256, 0)).toBe(8);
    admission.launched('users', 8, 256);
    expect(admission.room('products', 256, 0)).toBe(0);
    // Next step: users reports 6 still booting (1.5 vCPU).
    expect(admission.room('users', 256, 1.5)).toBe(2);
    admission.forget('users');
    expect(admission.room('products', 256, 0)).toBe(8);
  });

  it('admits everything when the host CPUs are unknown', () => {
    expect(new LaunchAdmission(undefined).room('users', 256, 0)).toBe(Number.POSITIVE_INFINITY);
  });
});

import { dueAtMs, dueRequests, plannedRequests } from './pacer.js';

describe('open-loop pacer', () => {
  it('plans rate x duration requests, as vegeta does', () => {
    expect(plannedRequests(40, 3)).toBe(120);
    expect(plannedRequests(0.1, 30)).toBe(3);
    expect(plannedRequests(0.2, 1)).toBe(1); // never an empty run
  });

  it('sends request k at k/rate seconds', () => {
    expect(dueAtMs(0, 20)).toBe(0);
    expect(dueAtMs(7, 20)).toBe(350);
    expect(dueRequests(0, 20, 60)).toBe(1);
    expect(dueRequests(49.9, 20, 60)).toBe(1);
    expect(dueRequests(50, 20, 60)).toBe(2);
  });

  it('catches up at once after a late wake-up, and never past the plan', () => {
    // Woken 1 s late at 20/s: the 20 overdue requests go out together.
    expect(dueRequests(1_000, 20, 60)).toBe(21);
    expect(dueRequests(10_000, 20, 60)).toBe(60);
    expect(dueRequests(-5, 20, 60)).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { planThreads, THREADS_FROM_OFFERS, type PlannedSupplier } from '../../src-main/sync/worker/thread-plan';

// The bench's five suppliers as their last full runs left them (offers, requests).
const known = (incremental: boolean): PlannedSupplier[] => [
  { id: 'dujiao', lastOffers: 46_672, lastRequests: 936, incremental },
  { id: 'mesim', lastOffers: 46_657, lastRequests: 469, incremental },
  { id: 'seagm', lastOffers: 475, lastRequests: 82, incremental: false },
  { id: 'billionconnect', lastOffers: 5_387, lastRequests: 4, incremental: false },
  { id: 'linksfield', lastOffers: 809, lastRequests: 845, incremental: false },
];
const group = (plan: string[][] | null, id: string) => plan?.findIndex((ids) => ids.includes(id));

describe('sharing suppliers out among sync threads', () => {
  it('lists a large known catalog in full on every core, the two large catalogs apart and Linksfield away from Dujiao-Next', () => {
    const plan = planThreads(known(false), { cores: 2 });
    expect(plan).toHaveLength(2);
    expect(plan!.flat().sort()).toEqual(
      known(false)
        .map((s) => s.id)
        .sort(),
    );
    expect(group(plan, 'dujiao')).not.toBe(group(plan, 'mesim'));
    expect(group(plan, 'linksfield')).not.toBe(group(plan, 'dujiao'));
  });

  it('keeps an incremental sync, a small catalog and a first sync on the caller thread', () => {
    expect(planThreads(known(true), { cores: 2 })).toBeNull();
    expect(
      planThreads(
        [
          { id: 'a', lastOffers: THREADS_FROM_OFFERS - 1, lastRequests: 0, incremental: false },
          { id: 'b', lastOffers: 0, lastRequests: 0, incremental: false },
        ],
        { cores: 8 },
      ),
    ).toBeNull();
    expect(
      planThreads(
        known(false).map((s) => ({ ...s, lastOffers: 0, lastRequests: 0 })),
        { cores: 2 },
      ),
    ).toBeNull();
  });

  it('takes the caller threads when given, never more than there are suppliers, and one supplier never spans two', () => {
    const fresh = known(false).map((s) => ({ ...s, lastOffers: 0, lastRequests: 0 }));
    const plan = planThreads(fresh, { threads: 2, cores: 1 });
    expect(plan).toHaveLength(2);
    expect(plan!.flat()).toHaveLength(5);
    expect(planThreads(fresh.slice(0, 1), { threads: 4, cores: 4 })).toBeNull();
    expect(planThreads(known(false), { threads: 9, cores: 2 })).toHaveLength(5);
  });
});

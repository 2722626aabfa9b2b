// Which suppliers a sync shares out among threads, and how: pure, from what the last runs tell of each supplier.

/** Offers a sync will likely list from which it shares the suppliers out among threads by default. */
export const THREADS_FROM_OFFERS = 20_000;

/** What an incremental listing carries of a catalog, for the estimate: the changed products, a few percent. */
const INCREMENTAL_SHARE = 0.05;

/**
 * A request's cost in offers, for sharing suppliers out: on the bench's simulators a request (sent, answered, parsed)
 * takes about as long as mapping and storing 40 offers.
 */
const OFFERS_PER_REQUEST = 40;

export interface PlannedSupplier {
  id: string;
  /** The last run's offers and requests; 0 for a supplier never synced. */
  lastOffers: number;
  lastRequests: number;
  /** Whether this sync lists it incrementally. */
  incremental: boolean;
}

/**
 * The suppliers' ids per thread, or null to sync them all on the caller's thread. `threads`: the caller's choice;
 * by default, `cores` threads once the offers this sync will likely list reach THREADS_FROM_OFFERS (below that, a
 * first sync, a small catalog or an incremental sync, starting threads costs more than it saves).
 * Longest first onto the least loaded thread, a supplier's weight being its likely work, offers and requests (a
 * listing that details each product costs a request per product): two large catalogs land on different threads.
 * Without history every supplier weighs the same.
 */
export function planThreads(
  suppliers: readonly PlannedSupplier[],
  choice: { threads?: number; cores: number },
): string[][] | null {
  const share = (supplier: PlannedSupplier) => (supplier.incremental ? INCREMENTAL_SHARE : 1);
  const expectedOffers = suppliers.reduce((sum, supplier) => sum + supplier.lastOffers * share(supplier), 0);
  const wanted = choice.threads ?? (expectedOffers >= THREADS_FROM_OFFERS ? choice.cores : 1);
  const threads = Math.min(wanted, suppliers.length);
  if (threads < 2) return null;
  const weighted = suppliers
    .map((supplier) => ({
      id: supplier.id,
      weight: (supplier.lastOffers + OFFERS_PER_REQUEST * supplier.lastRequests) * share(supplier) || 1,
    }))
    .sort((a, b) => b.weight - a.weight);
  const groups = Array.from({ length: threads }, () => ({ load: 0, ids: [] as string[] }));
  for (const { id, weight } of weighted) {
    const lightest = groups.reduce((a, b) => (b.load < a.load ? b : a));
    lightest.load += weight;
    lightest.ids.push(id);
  }
  return groups.map((group) => group.ids).filter((ids) => ids.length > 0);
}

import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Offer } from '../../src-main/domain/offer';
import type { RunningSimulator, SupplierKind } from '../../src-main/suppliers/adapter';
import { SUPPLIER_KINDS } from '../../src-main/suppliers/registry';
import type { FaultPlan } from '../../src-main/suppliers/shared/sim/server';

// Property: whatever a supplier sends, every offer its parser accepts is valid, and everything it does not accept
// is refused with a reason (a skipped item, or a failed fetch saying why). Real payloads from each simulator are
// mutated by fast-check (values deleted, retyped, swapped for junk, prices and currencies bent), one response per run.

const RUNS_PER_SUPPLIER = Number(process.env.FC_RUNS ?? 200);
const RUN_DEADLINE_MS = 3000;
const SEED = Number(process.env.FC_SEED ?? 20_240_612);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Checked here from first principles, not with the app's own validator: the test must not share its bugs. */
const ISO_4217 = new Set(Intl.supportedValuesOf('currency'));
const STOCK_STATUSES = new Set(['unlimited', 'in_stock', 'low', 'out', 'unknown']);

function invalidity(offer: Offer): string | null {
  const { amount, currency } = offer.cost;
  if (typeof amount !== 'string' || !/^\d+(\.\d+)?$/.test(amount))
    return `cost ${JSON.stringify(amount)} is not a plain positive decimal`;
  if (!new Decimal(amount).greaterThan(0)) return `cost ${amount} is not above zero`;
  if (!ISO_4217.has(currency)) return `currency ${JSON.stringify(currency)} is not ISO 4217`;
  if (!Object.values(offer.titles).some((title) => typeof title === 'string' && title.trim() !== '')) return 'no title';
  if (!STOCK_STATUSES.has(offer.stock.status)) return `stock ${JSON.stringify(offer.stock.status)}`;
  return null;
}

/** Values a hostile or broken upstream sends where a price, a currency, a title or a count belongs. */
const junk: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(
    null,
    '',
    ' ',
    'NaN',
    'Infinity',
    '-1',
    '-1.00',
    '0',
    '0.00',
    '-0',
    0,
    -0.01,
    -1,
    1e308,
    '1e5',
    '9'.repeat(40),
    true,
    [],
    {},
    'ＧＢ\u0000\ud800',
    '<img src=x onerror=alert(1)>',
    'usd',
    'ABC',
    'XXX',
    'US$',
    '１２.５',
  ),
  fc.string({ maxLength: 12 }),
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.double({ noNaN: false }),
  fc.tuple(fc.integer({ min: -1000, max: 1000 }), fc.nat({ max: 9999 })).map(([whole, cents]) => `${whole}.${cents}`),
  fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
);

/** Keys whose values decide validity: mutations aim there half the time, so the parsers' checks are reached. */
const INTERESTING_KEY = /price|amount|cost|currency|title|name|stock|total|page|items|id$/i;

interface Mutation {
  /** Which response of the fetch (in request order, modulo their number) is mutated. */
  target: number;
  aimed: boolean;
  pick: number;
  op: 'delete' | 'splice' | 'duplicate' | 'replace';
  value: Json;
}

const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  target: fc.nat(),
  aimed: fc.boolean(),
  pick: fc.nat(),
  op: fc.constantFrom('delete', 'splice', 'duplicate', 'replace', 'replace', 'replace'),
  value: junk,
});

function mutate(body: Json, mutation: Mutation): Json {
  const copy = structuredClone(body);
  const nodes: Array<{ parent: Json[] | Record<string, Json>; key: string | number }> = [];
  const walk = (value: Json) => {
    if (Array.isArray(value))
      value.forEach((child, index) => {
        nodes.push({ parent: value, key: index });
        walk(child);
      });
    else if (value && typeof value === 'object')
      for (const key of Object.keys(value)) {
        nodes.push({ parent: value, key });
        walk(value[key]);
      }
  };
  walk(copy);
  if (nodes.length === 0) return mutation.value;
  const aimedAt = nodes.filter((node) => typeof node.key === 'string' && INTERESTING_KEY.test(node.key));
  const pool = mutation.aimed && aimedAt.length > 0 ? aimedAt : nodes;
  const { parent, key } = pool[mutation.pick % pool.length];
  if (mutation.op === 'delete' && !Array.isArray(parent)) delete (parent as Record<string, Json>)[key as string];
  else if (mutation.op === 'splice' && Array.isArray(parent)) parent.splice(key as number, 1);
  else if (mutation.op === 'duplicate' && Array.isArray(parent)) parent.push(structuredClone(parent[key as number]));
  else (parent as Record<string | number, Json>)[key] = mutation.value;
  return copy;
}

function faultsOf(simulator: RunningSimulator): FaultPlan {
  const server = (simulator as unknown as { server?: { faults?: FaultPlan } }).server;
  if (!server?.faults) throw new Error('simulator does not expose its fault plan');
  return server.faults;
}

/** Budgets scaled down: a mutated answer read as "slow down" must not stall the runs after it. */
const FAST_BUDGET = {
  windowMs: 200,
  maxRequests: 10_000,
  blockMs: 20,
  defaultHoldMs: 20,
  requestsPerMinute: 1_000_000,
};

describe.each(SUPPLIER_KINDS.map((kind) => [kind.kind, kind] as const))(
  'the %s parser',
  (_name, kind: SupplierKind) => {
    /** A fresh simulator (so a fresh account budget: the address differs) and an adapter for it. */
    async function fresh() {
      const simulator = await kind.startSimulator({ size: 12, rateLimit: null });
      const adapter = kind.create(simulator.connection as never, {
        retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
        timeoutMs: 5000,
        budgetTuning: FAST_BUDGET,
      });
      return { simulator, adapter, faults: faultsOf(simulator) };
    }

    /** Responses in one whole fetch: the mutation picks one of them. */
    let responsesPerFetch = 1;

    it('accepts the real payload whole and valid', async () => {
      const { simulator, adapter, faults } = await fresh();
      try {
        let responses = 0;
        faults.add({ when: () => (responses++, false), action: { kind: 'reset' } });
        const offers: Offer[] = [];
        for await (const page of adapter.fetchCatalog()) offers.push(...page.offers);
        responsesPerFetch = responses;
        expect(offers.length).toBeGreaterThan(0);
        expect(offers.map(invalidity).filter(Boolean)).toEqual([]);
      } finally {
        await simulator.close();
      }
    });

    it(`accepts only valid offers and refuses everything else with a reason, over ${RUNS_PER_SUPPLIER} mutated payloads`, async () => {
      const unhandled: unknown[] = [];
      const onUnhandled = (reason: unknown) => unhandled.push(reason);
      process.on('unhandledRejection', onUnhandled);
      const seen = { accepted: 0, skipped: 0, failed: 0 };
      try {
        await fc.assert(
          fc.asyncProperty(mutationArb, async (mutation) => {
            const { simulator, adapter, faults } = await fresh();
            let request = 0;
            faults.add({
              when: () => request++ === mutation.target % responsesPerFetch,
              action: { kind: 'rewrite', transform: (body) => mutate(body as Json, mutation) },
            });
            try {
              // A mutated answer can read as "too many requests, wait N": waited out by design, so a deadline ends the
              // run as a sync's deadline would.
              for await (const page of adapter.fetchCatalog({ signal: AbortSignal.timeout(RUN_DEADLINE_MS) })) {
                for (const offer of page.offers) {
                  const problem = invalidity(offer);
                  if (problem)
                    throw new Error(
                      `accepted an invalid offer (${problem}): ${JSON.stringify({ ...offer, raw: undefined })}`,
                    );
                  seen.accepted++;
                }
                for (const skipped of page.skipped) {
                  if (skipped.reason.trim().length === 0) throw new Error(`skipped ${skipped.where} without a reason`);
                  seen.skipped++;
                }
              }
            } catch (error) {
              if (error instanceof Error && error.message.startsWith('accepted an invalid offer')) throw error;
              if (error instanceof Error && error.message.startsWith('skipped ')) throw error;
              seen.failed++;
              if (!(error instanceof Error))
                throw new Error(`the fetch threw a non-Error: ${String(error)}`, { cause: error });
              if (error.message.trim().length <= 3 || /^(undefined|null|\[object Object\])$/.test(error.message)) {
                throw new Error(`the fetch failed without a readable reason: ${JSON.stringify(error.message)}`, {
                  cause: error,
                });
              }
            } finally {
              await simulator.close();
            }
          }),
          { numRuns: RUNS_PER_SUPPLIER, seed: SEED + kind.kind.length },
        );
      } finally {
        process.off('unhandledRejection', onUnhandled);
      }
      expect(unhandled).toEqual([]);
      // The mutations must reach the parser both ways: some answers are refused (an item skipped or the fetch failed),
      // and offers still pass.
      expect(seen.failed).toBeGreaterThan(0);
      expect(seen.failed + seen.skipped).toBeGreaterThan(1);
      expect(seen.accepted).toBeGreaterThan(0);
    }, 180_000);
  },
);

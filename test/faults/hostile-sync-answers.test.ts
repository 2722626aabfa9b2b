import type { Database } from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { AdapterEnv, RunningSimulator, SupplierKind } from '../../src-main/suppliers/adapter';
import { SUPPLIER_KINDS } from '../../src-main/suppliers/registry';
import type { FaultPlan } from '../../src-main/suppliers/shared/sim/server';
import { syncSupplier } from '../../src-main/sync/engine';
import { FAST_RETRY, tempDb } from '../helpers/temp-db';
import { inEnglish } from '../helpers/in-english';

// Hostile answers during a sync, against every supplier's simulator: each ends the sync with a reason the
// merchant's dictionaries word, and the previous catalog stays as it was.

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const ENV: AdapterEnv = { retry: FAST_RETRY, timeoutMs: 2000, requestDeadlineMs: 2000, budgetTuning: { blockMs: 50 } };

function faultsOf(simulator: RunningSimulator): FaultPlan {
  const server = (simulator as unknown as { server?: { faults?: FaultPlan } }).server;
  if (!server?.faults) throw new Error('simulator does not expose its fault plan');
  return server.faults;
}

function liveCatalog(db: Database) {
  return db
    .prepare(
      `SELECT product_id, sku_id, variant, cost_amount, cost_currency, stock_status, titles_json
    FROM offers WHERE removed_at IS NULL ORDER BY product_id, sku_id, variant`,
    )
    .all();
}

/** The first object inside a list, depth first: where a listing keeps its items. */
function firstListedObject(value: unknown): Record<string, unknown> | null {
  if (Array.isArray(value)) {
    for (const entry of value) {
      if (entry && typeof entry === 'object' && !Array.isArray(entry)) return entry as Record<string, unknown>;
      const inner = firstListedObject(entry);
      if (inner) return inner;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const member of Object.values(value)) {
      const inner = firstListedObject(member);
      if (inner) return inner;
    }
  }
  return null;
}

describe.each(SUPPLIER_KINDS.map((kind) => [kind.kind, kind] as const))(
  '%s: hostile answers during a sync',
  (_name, kind: SupplierKind) => {
    async function syncedOnce() {
      const simulator = await kind.startSimulator({ size: 12, rateLimit: null });
      const store = tempDb();
      cleanups.push(() => simulator.close(), store.cleanup);
      const target = () => ({
        supplierId: 's1',
        supplierKind: kind.kind,
        adapter: kind.create(simulator.connection as never, ENV),
      });
      expect((await syncSupplier(store.db, target())).status).toBe('ok');
      return { simulator, db: store.db, target, before: liveCatalog(store.db) };
    }

    it('an answer nested thousands deep is refused in words (not a stack overflow) and the catalog kept', async () => {
      const { simulator, db, target, before } = await syncedOnce();
      const DEPTH = 20_000;
      const MARK = '"__nested__"';
      // Written as text: the simulator would itself overflow serializing so deep a value.
      faultsOf(simulator).add({
        action: {
          kind: 'rewrite',
          transform: (body) => {
            const item = firstListedObject(body);
            if (!item) return body;
            item.extra = '__nested__';
            return JSON.stringify(body).replace(MARK, '['.repeat(DEPTH) + ']'.repeat(DEPTH));
          },
        },
      });
      const result = await syncSupplier(db, target());
      expect(result.status).toBe('failed');
      const said = inEnglish(result.error);
      expect(said).not.toMatch(/call stack/i);
      expect(said).toMatch(/nests lists and objects more than 100 levels deep, which no real answer does/);
      expect(said).toMatch(/^The supplier’s answers cannot be read/);
      expect(liveCatalog(db)).toEqual(before);
    });
  },
);

describe('seagm: directories naming more lists than one listing may read', () => {
  it('are refused before any of those lists is asked for, as other suppliers refuse too many pages', async () => {
    const kind = SUPPLIER_KINDS.find((k) => k.kind === 'seagm')!;
    const simulator = await kind.startSimulator({ size: 12, rateLimit: null });
    const store = tempDb();
    cleanups.push(() => simulator.close(), store.cleanup);
    const target = () => ({
      supplierId: 's1',
      supplierKind: 'seagm',
      adapter: kind.create(simulator.connection as never, ENV),
    });
    expect((await syncSupplier(store.db, target())).status).toBe('ok');
    const before = liveCatalog(store.db);
    const server = (simulator as unknown as { server: { faults: FaultPlan; hits: Map<string, number> } }).server;
    // 25,000 card categories (about 0.6 MB): each would be one request for its card types.
    server.faults.add({
      path: '/v1/card-categories',
      action: {
        kind: 'rewrite',
        transform: (body) => ({
          ...(body as object),
          data: Array.from({ length: 25_000 }, (_, i) => ({ id: String(i + 1), name: `c${i}` })),
        }),
      },
    });
    server.hits.clear();
    const result = await syncSupplier(store.db, target());
    expect(result.status).toBe('failed');
    expect(inEnglish(result.error)).toMatch(
      /directories name 25\d{3} lists to read, more than the 20000 one listing may take/,
    );
    expect([...server.hits.keys()].filter((key) => key.includes('/card-types'))).toEqual([]);
    expect(liveCatalog(store.db)).toEqual(before);
  }, 60_000);
});

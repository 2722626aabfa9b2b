import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3';
import { createDujiaoProtocolAdapter } from '../../src-main/suppliers/dujiao-next/adapter';
import type { Fault } from '../../src-main/suppliers/shared/sim/server';
import { syncSupplier } from '../../src-main/sync/engine';
import { catalogOf, product, startTestDujiao } from '../helpers/dujiao-fixtures';
import { FAST_RETRY, tempDb } from '../helpers/temp-db';
import type { SimCatalog } from '../../src-main/suppliers/dujiao-next/sim/seed';
import { inEnglish } from '../helpers/in-english';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** The live catalog as a comparable value: what a merchant would see. */
function liveCatalog(db: Database) {
  return db
    .prepare(
      `SELECT product_id, sku_id, variant, cost_amount, cost_currency, stock_status, stock_quantity, titles_json
    FROM offers WHERE removed_at IS NULL ORDER BY product_id, sku_id, variant`,
    )
    .all();
}

const PROFILE = { label: 'faulty', stockReporting: 'quantity' as const, maxQuantity: null };

function nextGeneration(): SimCatalog {
  const next = catalogOf(130);
  next.products.splice(10, 5);
  next.products.forEach((p, i) => {
    if (i % 7 === 0) p.skus[0].price_amount = '13.75';
    if (i % 11 === 0) p.skus[0].stock_quantity = 0;
  });
  next.products.push(product(999));
  return next;
}

/**
 * Runs one sync with `faults` active and checks the invariant: the database holds either the complete new
 * catalog (the sync succeeded) or exactly the previous one (it failed) — never a mix, never an offer marked
 * removed because the fetch was short.
 */
async function syncUnderFaults(
  faults: Fault[],
  setup?: (server: Awaited<ReturnType<typeof startTestDujiao>>) => void,
  unreadableProduct?: string,
) {
  const server = await startTestDujiao(catalogOf(120), { pageSizeCap: 50 });
  const store = tempDb();
  const reference = tempDb();
  cleanups.push(() => server.close(), store.cleanup, reference.cleanup);
  const target = () => ({
    supplierId: 'dj',
    supplierKind: 'dujiao-next',
    adapter: createDujiaoProtocolAdapter(server.connection, PROFILE, {
      retry: FAST_RETRY,
      timeoutMs: 500,
      budgetTuning: { blockMs: 50 },
    }),
  });

  expect((await syncSupplier(store.db, target())).status).toBe('ok');
  const previous = liveCatalog(store.db);
  server.replaceCatalog(nextGeneration());
  expect((await syncSupplier(reference.db, target())).status).toBe('ok');
  const complete = liveCatalog(reference.db);
  expect(complete).not.toEqual(previous);

  server.faults.add(...faults);
  setup?.(server);
  const result = await syncSupplier(store.db, target());
  const after = liveCatalog(store.db);
  if (result.status === 'ok') {
    // A product that could not be read keeps its previous state; everything else is the complete new catalog.
    const isUnreadable = (row: unknown) => (row as { product_id: string }).product_id === unreadableProduct;
    expect(after).toEqual(
      [...complete.filter((r) => !isUnreadable(r)), ...previous.filter(isUnreadable)].sort((a, b) =>
        String((a as { product_id: string }).product_id).localeCompare((b as { product_id: string }).product_id),
      ),
    );
  } else {
    expect(after).toEqual(previous);
    expect(inEnglish(result.error)).toMatch(/\w{4,}/);
  }
  const integrity = store.db.pragma('integrity_check', { simple: true });
  expect(integrity).toBe('ok');
  return result;
}

const page = (n: number) => (req: { query: URLSearchParams }) => req.query.get('page') === String(n);
const PRODUCTS = '/api/v1/upstream/products';

describe('a sync under injected faults is all or nothing', () => {
  it('latency on every page: completes', async () => {
    expect((await syncUnderFaults([{ path: PRODUCTS, action: { kind: 'delay', ms: 30 } }])).status).toBe('ok');
  });

  it('a 5xx on one page: retried, completes', async () => {
    expect(
      (await syncUnderFaults([{ path: PRODUCTS, when: page(2), times: 2, action: { kind: 'status', status: 502 } }]))
        .status,
    ).toBe('ok');
  });

  it('5xx on every try of one page: fails cleanly', async () => {
    const result = await syncUnderFaults([{ path: PRODUCTS, when: page(3), action: { kind: 'status', status: 500 } }]);
    expect(result.status).toBe('failed');
    expect(inEnglish(result.error)).toMatch(/server error \(HTTP 500\)/);
  });

  it('429 with Retry-After: waits, completes', async () => {
    expect(
      (
        await syncUnderFaults([
          {
            path: PRODUCTS,
            when: page(2),
            times: 1,
            action: { kind: 'status', status: 429, headers: { 'retry-after': '0' } },
          },
        ])
      ).status,
    ).toBe('ok');
  });

  it('the rate limiter\'s HTTP-200 envelope without "ok": waited out, completes', async () => {
    // What older builds answer in a block (no `ok`, no Retry-After); the budget waits the block (scaled to 50 ms here).
    const refusal = { status_code: 429, msg: '请求过于频繁' };
    expect(
      (
        await syncUnderFaults([
          { path: PRODUCTS, when: page(2), times: 2, action: { kind: 'status', status: 200, body: refusal } },
        ])
      ).status,
    ).toBe('ok');
  });

  it('a connection reset in the middle of a body: retried, completes', async () => {
    expect(
      (await syncUnderFaults([{ path: PRODUCTS, when: page(2), times: 1, action: { kind: 'reset' } }])).status,
    ).toBe('ok');
  });

  it('resets on every try: fails cleanly', async () => {
    expect((await syncUnderFaults([{ path: PRODUCTS, when: page(2), action: { kind: 'reset' } }])).status).toBe(
      'failed',
    );
  });

  it('truncated JSON once: retried, completes; always: fails cleanly', async () => {
    expect(
      (await syncUnderFaults([{ path: PRODUCTS, when: page(1), times: 1, action: { kind: 'truncate' } }])).status,
    ).toBe('ok');
    const failed = await syncUnderFaults([{ path: PRODUCTS, when: page(1), action: { kind: 'truncate' } }]);
    expect(failed.status).toBe('failed');
    expect(inEnglish(failed.error)).toMatch(/not valid JSON/);
  });

  it('wrong types in one item: that item is skipped with its reason and keeps its last good state', async () => {
    // Product 60 (page 2, item 5, after products 11–15 were removed) arrives with a price that is not a number. It is still upstream, so it must
    // neither vanish nor change; everything else completes.
    const result = await syncUnderFaults(
      [
        {
          path: PRODUCTS,
          when: page(2),
          action: {
            kind: 'rewrite',
            transform: (body) => {
              const b = body as { items: Array<Record<string, unknown>> };
              b.items[4] = {
                ...b.items[4],
                skus: [{ ...(b.items[4].skus as object[])[0], price_amount: 12.5, stock_quantity: 'many' }],
              };
              return b;
            },
          },
        },
      ],
      undefined,
      '60',
    );
    expect(result.status).toBe('ok');
    expect(result.skipped).toEqual([
      expect.objectContaining({ productId: '60', reason: expect.stringMatching(/stock_quantity/) }),
    ]);
  });

  it('duplicate items across pages: deduplicated, completes', async () => {
    const result = await syncUnderFaults([
      {
        path: PRODUCTS,
        when: page(2),
        action: {
          kind: 'rewrite',
          transform: (body) => {
            const b = body as { items: unknown[] };
            return { ...b, items: [...b.items, b.items[0]] };
          },
        },
      },
    ]);
    expect(result.status).toBe('ok');
    expect(result.skipped.some((s) => /duplicate/.test(s.reason))).toBe(true);
  });

  it('items shifting between pages during the fetch (once): re-listed, completes', async () => {
    // As if a product was deleted upstream after page 1 was read: page 2 starts one item later, so one product
    // is never seen. The count falls short of total, the listing is read again, and the second read is whole.
    const result = await syncUnderFaults([
      {
        path: PRODUCTS,
        when: page(2),
        times: 1,
        action: {
          kind: 'rewrite',
          transform: (body) => {
            const b = body as { items: unknown[] };
            return { ...b, items: b.items.slice(1) };
          },
        },
      },
    ]);
    expect(result.status).toBe('ok');
  });

  it('items shifting on every read: fails as incomplete, marks nothing removed', async () => {
    const result = await syncUnderFaults([
      {
        path: PRODUCTS,
        when: page(2),
        action: {
          kind: 'rewrite',
          transform: (body) => {
            const b = body as { items: unknown[] };
            return { ...b, items: b.items.slice(1) };
          },
        },
      },
    ]);
    expect(result.status).toBe('failed');
    expect(inEnglish(result.error)).toMatch(
      /^Part of the catalog could not be listed: .*could not be listed completely/,
    );
  });

  it('clock skew beyond the window: corrected from the Date header, completes', async () => {
    const result = await syncUnderFaults([], (server) => {
      server.state.clockOffsetMs = 15 * 60_000;
    });
    expect(result.status).toBe('ok');
  });

  it('a slow server past the client timeout: fails cleanly', async () => {
    // undici checks its timeouts about once a second, so the delay must clearly exceed timeout + that tick.
    const result = await syncUnderFaults([{ path: PRODUCTS, when: page(2), action: { kind: 'delay', ms: 2500 } }]);
    expect(result.status).toBe('failed');
    expect(inEnglish(result.error)).toMatch(/timed out/);
  });
});

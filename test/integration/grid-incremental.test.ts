import { readFileSync } from 'node:fs';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { commitCatalog, finishRunWithoutCatalog, startRun } from '../../src-main/db/catalog-repo';
import { extractAttributes } from '../../src-main/domain/plan-attributes';
import type { Offer, OfferKind } from '../../src-main/domain/offer';
import { resolutionSignature, resolveRegions } from '../../src-main/domain/region-evidence';
import { ftsQuery } from '../../src-main/domain/search-text';
import { buildGrid } from '../../src-main/grid/build';
import { linkOffer, resetOfferLink, unlinkOffer } from '../../src-main/grid/links';
import { planRowsByIds } from '../../src-main/grid/query';
import { refreshGrid, type RefreshResult } from '../../src-main/grid/refresh';
import { setManualRates } from '../../src-main/pricing/rates-service';
import { saveRuleSet } from '../../src-main/pricing/rules-store';
import { tempDb } from '../helpers/temp-db';

interface LabelledTitle {
  kind: OfferKind;
  titles: Record<string, string>;
  plan?: Offer['plan'];
}
// The tuning set adds regional bundles listed by some offers and only named by others: moving those moves what a
// bundle name means, which the grid must apply as a full rebuild would.
const TITLES = ['plan-titles.json', 'plan-titles-tuning.json'].flatMap(
  (file) => JSON.parse(readFileSync(new URL(`../fixtures/${file}`, import.meta.url), 'utf8')) as LabelledTitle[],
);
// Every word of every fixture title: the search index must answer each of them the same way however it was written.
const SEARCH_WORDS = [...new Set(TITLES.flatMap((t) => Object.values(t.titles).join(' ').split(/\s+/)))]
  .map((word) => ftsQuery(word))
  .filter((q): q is string => Boolean(q));

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** Small deterministic PRNG: a failing seed reproduces exactly. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)],
  };
}
type Random = ReturnType<typeof random>;

const SUPPLIERS = [
  { id: 'alpha', currency: 'USD' },
  { id: 'beta', currency: 'CNY' },
  { id: 'gamma', currency: 'MYR' },
] as const;

function offer(productId: string, title: LabelledTitle, currency: string, rnd: Random): Offer {
  return {
    productId,
    skuId: `${productId}-1`,
    variant: '',
    kind: title.kind,
    titles: title.titles,
    category: rnd.next() < 0.5 ? { id: `cat-${rnd.int(3)}`, path: [] } : null,
    cost: { amount: `${1 + rnd.int(60)}.${String(rnd.int(100)).padStart(2, '0')}`, currency },
    retailPrice: null,
    originalPrice: null,
    stock: rnd.next() < 0.15 ? { status: 'out', quantity: 0 } : { status: 'in_stock', quantity: 1 + rnd.int(50) },
    minQuantity: null,
    maxQuantity: null,
    fulfillment: { mode: 'auto', inputFields: [] },
    images: [],
    plan: title.plan ?? {},
    orderable: rnd.next() < 0.9,
    raw: null,
  };
}

/** One supplier's upstream catalog, moved by random change sets and committed through the real sync commit. */
class Upstream {
  readonly offers = new Map<string, Offer>();
  private nextId = 1;
  constructor(
    readonly id: string,
    readonly currency: string,
    private readonly rnd: Random,
  ) {
    for (let i = 0; i < 40; i++) this.add();
  }

  add(): void {
    const productId = String(this.nextId++);
    this.offers.set(productId, offer(productId, this.rnd.pick(TITLES), this.currency, this.rnd));
  }

  /** Price moves, stock outs and returns, title changes (which move an offer to another plan), categories, adds, removals. */
  change(): void {
    const rnd = this.rnd;
    const ids = [...this.offers.keys()];
    const count = 1 + rnd.int(5);
    for (let i = 0; i < count; i++) {
      const id = rnd.pick(ids);
      const current = this.offers.get(id);
      if (!current) continue;
      const what = rnd.int(7);
      if (what === 0)
        this.offers.set(id, {
          ...current,
          cost: { ...current.cost, amount: `${1 + rnd.int(60)}.${String(rnd.int(100)).padStart(2, '0')}` },
        });
      else if (what === 1)
        this.offers.set(id, {
          ...current,
          stock: current.stock.status === 'out' ? { status: 'in_stock', quantity: 5 } : { status: 'out', quantity: 0 },
        });
      else if (what === 2) {
        const title = rnd.pick(TITLES);
        this.offers.set(id, { ...current, titles: title.titles, kind: title.kind });
      } else if (what === 3)
        this.offers.set(id, {
          ...current,
          category: { id: `cat-${rnd.int(3)}`, path: [] },
          orderable: !current.orderable,
        });
      else if (what === 4) this.offers.delete(id);
      else this.add();
    }
  }

  commit(db: Database): void {
    const run = startRun(db, this.id, 'test');
    commitCatalog(db, run, this.id, [...this.offers.values()], []);
  }
}

function copyOf(db: Database): Database {
  const image = db.serialize();
  // The image carries the WAL-mode marks, which an in-memory database cannot honour: mark it a rollback-journal file.
  image[18] = 1;
  image[19] = 1;
  const copy = new BetterSqlite3(image);
  cleanups.push(() => copy.close());
  return copy;
}

/** Everything the grid materializes, in a comparable form. */
function snapshot(db: Database) {
  const currentRuns = `SELECT id FROM sync_runs WHERE status = 'ok' AND id IN (SELECT MAX(id) FROM sync_runs GROUP BY supplier_id)`;
  const ids = db.prepare('SELECT id FROM plan_rows ORDER BY id').pluck().all() as number[];
  const search = db.prepare('SELECT rowid FROM plan_search WHERE plan_search MATCH ? ORDER BY rowid').pluck();
  return {
    rows: db.prepare('SELECT * FROM plan_rows ORDER BY id').all(),
    members: db.prepare('SELECT plan_row_id, supplier_id, kind, stock FROM plan_members ORDER BY 1, 2, 3, 4').all(),
    countries: db.prepare('SELECT plan_row_id, country FROM plan_countries ORDER BY 1, 2').all(),
    placement: db.prepare('SELECT * FROM plan_offers ORDER BY 1, 2, 3, 4').all(),
    badges: db
      .prepare(`SELECT plan_row_id, change FROM plan_row_changes WHERE run_id IN (${currentRuns}) ORDER BY 1, 2`)
      .all(),
    search: SEARCH_WORDS.map((word) => [word, search.all(word)]),
    read: planRowsByIds(db, ids, 'zh-CN'),
  };
}

function setup(seed: number) {
  const store = tempDb();
  cleanups.push(store.cleanup);
  const rnd = random(seed);
  setManualRates(store.db, { CNY: '0.14', MYR: '0.21' });
  const upstreams = SUPPLIERS.map((s) => new Upstream(s.id, s.currency, rnd));
  for (const upstream of upstreams) upstream.commit(store.db);
  expect(refreshGrid(store.db).mode).toBe('full');
  return { db: store.db, rnd, upstreams };
}

/** Refreshes `db` the cheap way and a copy of it the full way, and demands the same grid. */
/** What every counted bundle name stands for in the grid as last built (the evidence it keeps between refreshes). */
function regionMeaning(db: Database): string {
  const stored = db.prepare("SELECT value FROM app_state WHERE key = 'grid.regionEvidence'").pluck().get() as
    string | undefined;
  return resolutionSignature(resolveRegions(stored ? JSON.parse(stored) : {}));
}

function refreshAndCompare(db: Database, label: string): RefreshResult {
  const copy = copyOf(db);
  // Never fall back to a rebuild however much moved: these catalogs are small, and the patch is what is under test.
  const result = refreshGrid(db, { patchLimit: Infinity });
  buildGrid(copy);
  expect(snapshot(db), label).toEqual(snapshot(copy));
  return result;
}

describe('the incremental grid', () => {
  for (const seed of [1, 2, 3]) {
    it(`equals a full rebuild after every randomized change set (seed ${seed})`, () => {
      const { db, rnd, upstreams } = setup(seed);
      const modes = new Set<string>();
      // Rows restated from what they showed, and rows rebuilt from their members (a row emptied counts as rebuilt: it
      // goes that way too); each step moves one kind of thing, so no reprice is counted among them. Both ways must run.
      let restated = 0;
      let rebuilt = 0;
      for (let step = 0; step < 25; step++) {
        const label = `seed ${seed}, step ${step}`;
        const action = rnd.int(10);
        let expected: RefreshResult['mode'];
        if (action < 6) {
          // Some suppliers sync; another's sync may fail, which retires its badges without touching the catalog or the grid.
          let committed = false;
          for (const upstream of upstreams) {
            if (rnd.next() < 0.6) {
              upstream.change();
              upstream.commit(db);
              committed = true;
            }
          }
          if (rnd.next() < 0.2)
            finishRunWithoutCatalog(db, startRun(db, rnd.pick(upstreams).id, 'test'), 'failed', 'down');
          expected = committed ? 'incremental' : 'fresh';
        } else if (action < 8) {
          const offers = db
            .prepare(
              'SELECT supplier_id AS supplier, product_id AS productId, sku_id AS skuId, variant FROM offers WHERE removed_at IS NULL',
            )
            .all() as Array<{ supplier: string; productId: string; skuId: string; variant: string }>;
          const keys = db.prepare('SELECT plan_key FROM plan_rows').pluck().all() as string[];
          const target = rnd.pick(offers);
          const how = rnd.int(3);
          if (how === 0) linkOffer(db, target, rnd.pick(keys));
          else if (how === 1) unlinkOffer(db, target);
          else resetOfferLink(db, target);
          expected = 'incremental';
        } else if (action === 8) {
          saveRuleSet(db, {
            currency: 'USD',
            rules: [
              { id: 'all', scope: { type: 'all' }, percent: String(10 + rnd.int(40)), rounding: { mode: 'none' } },
            ],
            locks: [],
          });
          expected = 'reprice';
        } else {
          // A rate move can change which supplier is cheapest, and so the row's title and best offer.
          setManualRates(db, { CNY: `0.1${rnd.int(10)}`, MYR: `0.${15 + rnd.int(20)}` });
          expected = 'reprice';
        }
        const meaning = regionMeaning(db);
        const result = refreshAndCompare(db, label);
        // Moving a listed bundle may change what a bundle name means everywhere: that alone is rebuilt in full.
        if (expected === 'incremental' && regionMeaning(db) !== meaning) expected = 'full';
        expect(result.mode, label).toBe(expected);
        modes.add(result.mode);
        if (result.mode === 'incremental') {
          restated += result.rowsRestated;
          rebuilt += result.rowsWritten - result.rowsRestated;
        }
      }
      expect(modes).toContain('incremental');
      expect(modes).toContain('reprice');
      expect(restated).toBeGreaterThan(0);
      expect(rebuilt).toBeGreaterThan(0);
    });
  }

  it('rebuilds only the rows the changed offers touch', () => {
    const { db, upstreams } = setup(7);
    const total = db.prepare('SELECT COUNT(*) FROM offers WHERE removed_at IS NULL').pluck().get() as number;
    const [alpha] = upstreams;
    // The commit re-stamps the offers whose badges the previous run set (after a first sync, all of them): sync once
    // unchanged so the previous run is one that changed nothing.
    alpha.commit(db);
    refreshAndCompare(db, 'unchanged sync');
    const first = [...alpha.offers.values()][0];
    alpha.offers.set(first.productId, { ...first, cost: { ...first.cost, amount: '0.50' } });
    alpha.commit(db);
    const result = refreshAndCompare(db, 'one price move');
    expect(result.mode).toBe('incremental');
    expect(result.offersRead).toBeGreaterThan(0);
    expect(result.offersRead).toBeLessThan(total / 4);
  });

  it('restates a row whose member moved only in price and stock, or rebuilds it from stored members when its text moved', () => {
    const { db, upstreams } = setup(5);
    const [alpha] = upstreams;
    alpha.commit(db);
    refreshAndCompare(db, 'unchanged sync');
    // The offer with the most row-mates: every other member of its row must come from plan_offers, not from offers.
    const crowded = db
      .prepare(
        `SELECT product_id FROM plan_offers WHERE supplier_id = 'alpha' AND plan_key =
      (SELECT plan_key FROM plan_offers GROUP BY plan_key ORDER BY COUNT(*) DESC, plan_key LIMIT 1)`,
      )
      .pluck()
      .get() as string | undefined;
    const target = alpha.offers.get(crowded ?? [...alpha.offers.keys()][0])!;
    let extracted = 0;
    const counting: typeof extractAttributes = (input) => {
      extracted++;
      return extractAttributes(input);
    };
    const refreshAgainstRebuild = () => {
      extracted = 0;
      const copy = copyOf(db);
      const result = refreshGrid(db, { extract: counting });
      buildGrid(copy);
      expect(snapshot(db)).toEqual(snapshot(copy));
      expect(result).toMatchObject({ mode: 'incremental', offersRead: 1, attributesExtracted: 1, rowsWritten: 1 });
      expect(extracted).toBe(1);
      return result;
    };

    alpha.offers.set(target.productId, {
      ...target,
      stock: { status: 'out', quantity: 0 },
      cost: { ...target.cost, amount: '0.75' },
    });
    alpha.commit(db);
    expect(refreshAgainstRebuild().rowsRestated).toBe(1);

    // A duplicate mark on its title ("#9"): same attributes and row, other search text, so the row is rebuilt from its
    // members.
    const moved = alpha.offers.get(target.productId)!;
    const retitled = { ...moved, titles: { ...moved.titles, en: `${moved.titles.en ?? ''} #9` } };
    expect(extractAttributes(retitled)).toEqual(extractAttributes(moved));
    alpha.offers.set(target.productId, retitled);
    alpha.commit(db);
    expect(refreshAgainstRebuild().rowsRestated).toBe(0);
  });

  it('restates every member of a crowded row at once, as a full rebuild would', () => {
    const { db, upstreams } = setup(9);
    for (const upstream of upstreams) upstream.commit(db);
    refreshAndCompare(db, 'unchanged syncs');
    const crowded = db
      .prepare(
        `SELECT supplier_id AS supplier, product_id AS productId FROM plan_offers WHERE plan_key =
      (SELECT plan_key FROM plan_offers GROUP BY plan_key ORDER BY COUNT(*) DESC, plan_key LIMIT 1)`,
      )
      .all() as Array<{ supplier: string; productId: string }>;
    // Enough members that their entries are emptied and refilled rather than moved one by one.
    expect(crowded.length).toBeGreaterThan(5);
    for (const { supplier, productId } of crowded) {
      const upstream = upstreams.find((u) => u.id === supplier)!;
      const offer = upstream.offers.get(productId)!;
      upstream.offers.set(productId, {
        ...offer,
        cost: { ...offer.cost, amount: '0.99' },
        stock: offer.stock.status === 'out' ? { status: 'in_stock', quantity: 3 } : { status: 'out', quantity: 0 },
      });
    }
    for (const upstream of upstreams) upstream.commit(db);
    const result = refreshAndCompare(db, 'every member of the crowded row moved');
    expect(result).toMatchObject({ mode: 'incremental', rowsRestated: 1, rowsWritten: 1 });
  });

  it('reprices a rule or rate change without reading an offer or extracting attributes', () => {
    const { db } = setup(11);
    let extracted = 0;
    const counting: typeof extractAttributes = (input) => {
      extracted++;
      return extractAttributes(input);
    };
    const salePrices = () => db.prepare('SELECT sale_price FROM plan_rows ORDER BY id').pluck().all();
    const before = salePrices();
    saveRuleSet(db, {
      currency: 'USD',
      rules: [{ id: 'all', scope: { type: 'all' }, percent: '77', rounding: { mode: 'none' } }],
      locks: [],
    });
    const copy = copyOf(db);
    const result = refreshGrid(db, { extract: counting });
    expect(result).toMatchObject({ mode: 'reprice', offersRead: 0, attributesExtracted: 0 });
    expect(extracted).toBe(0);
    expect(result.rowsWritten).toBeGreaterThan(0);
    expect(salePrices()).not.toEqual(before);
    buildGrid(copy, { extract: counting });
    expect(extracted).toBeGreaterThan(0);
    expect(snapshot(db)).toEqual(snapshot(copy));
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { changesForRuns } from '../../src-main/db/changes-repo';
import {
  allLastChanges,
  changeCountsOf,
  changesPage,
  lastChangesByLookup,
  offerMoves,
  priceRisesOf,
} from '../../src-main/db/changes-repo';
import { liveOfferCounts, titlesOf } from '../../src-main/db/offer-lookups';
import { syncSupplier } from '../../src-main/sync/engine';
import { FakeSupplier, type FakeProduct } from '../helpers/fake-catalog';
import { tempDb } from '../helpers/temp-db';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

function product(n: number, amount: string, title: string): FakeProduct {
  return {
    id: `p${n}`,
    active: true,
    unreadable: false,
    changedAt: 0,
    skus: [{ skuId: `s${n}`, variant: '', amount, currency: 'USD', stock: 5, title, raw: 0 }],
  };
}

const ref = (n: number) => ({ supplier: 'fake', productId: `p${n}`, skuId: `s${n}`, variant: '' });

/** Two syncs of ten offers: the second raises p1's price, sells p2 out, drops p3 and adds p11. */
async function twoRuns() {
  const store = tempDb('supplygrid-changes-repo-');
  cleanups.push(store.cleanup);
  const supplier = new FakeSupplier();
  for (let n = 1; n <= 10; n++) supplier.products.set(`p${n}`, product(n, `${n}0.00`, `Plan ${n}`));
  supplier.products.get('p1')!.skus[0].title = 'Hong Kong 1GB';
  const target = { supplierId: 'fake', supplierKind: 'fake', adapter: supplier.adapter() };
  const first = await syncSupplier(store.db, target);
  supplier.step++;
  supplier.products.get('p1')!.skus[0].amount = '12.00';
  supplier.products.get('p2')!.skus[0].stock = 0;
  supplier.products.delete('p3');
  supplier.products.set('p11', product(11, '110.00', 'Plan 11'));
  const second = await syncSupplier(store.db, target);
  expect([first.status, second.status]).toEqual(['ok', 'ok']);
  return { db: store.db, first: first.runId, second: second.runId };
}

describe('the changes table, read through changes-repo', () => {
  it("counts a run by kind and pages it in logged order, a kind at a time, each change with its offer's stored titles", async () => {
    const { db, first, second } = await twoRuns();
    expect(changeCountsOf(db, first)).toEqual({
      added: 10,
      removed: 0,
      price_up: 0,
      price_down: 0,
      stock_changed: 0,
      title_changed: 0,
    });
    expect(changeCountsOf(db, second)).toEqual({
      added: 1,
      removed: 1,
      price_up: 1,
      price_down: 0,
      stock_changed: 1,
      title_changed: 0,
    });

    const logged = changesForRuns(db, [second]);
    const page = changesPage(db, second, { offset: 1, limit: 2 });
    expect(page.map(({ titles: _titles, ...change }) => change)).toEqual(logged.slice(1, 3));
    expect(
      changesPage(db, second, { offset: 0, limit: 10 })
        .map((change) => change.change)
        .sort(),
    ).toEqual(['added', 'price_up', 'removed', 'stock_changed']);

    const [rise] = changesPage(db, second, { kind: 'price_up', offset: 0, limit: 10 });
    expect(rise).toMatchObject({
      supplierId: 'fake',
      productId: 'p1',
      old: { amount: '10.00', currency: 'USD' },
      new: { amount: '12.00', currency: 'USD' },
    });
    expect(rise.titles).toEqual({ en: 'Hong Kong 1GB', 'zh-CN': 'Hong Kong 1GB 中' });
    // A removed offer keeps its row, so its change still has a title.
    const [removed] = changesPage(db, second, { kind: 'removed', offset: 0, limit: 10 });
    expect(removed).toMatchObject({ productId: 'p3', titles: { en: 'Plan 3' } });
  });

  it("tells an offer's first appearance and its moves, oldest first, dated by their runs", async () => {
    const { db, first, second } = await twoRuns();
    const started = (runId: number) =>
      db.prepare('SELECT started_at FROM sync_runs WHERE id = ?').pluck().get(runId) as string;
    expect(offerMoves(db, ref(1))).toEqual([
      {
        change: 'added',
        at: started(first),
        value: expect.objectContaining({
          cost: { amount: '10.00', currency: 'USD' },
          stock: { status: 'in_stock', quantity: 5 },
        }),
      },
      { change: 'price_up', at: started(second), value: { amount: '12.00', currency: 'USD' } },
    ]);
    expect(offerMoves(db, ref(2)).map((move) => [move.change, move.value])).toEqual([
      [
        'added',
        expect.objectContaining({
          cost: { amount: '20.00', currency: 'USD' },
          stock: { status: 'in_stock', quantity: 5 },
        }),
      ],
      ['stock_changed', { status: 'out', quantity: 0 }],
    ]);
    expect(offerMoves(db, ref(99))).toEqual([]);
  });

  it("lists a run's price rises with titles, for the alerts", async () => {
    const { db, first, second } = await twoRuns();
    expect(priceRisesOf(db, first)).toEqual([]);
    expect(priceRisesOf(db, second)).toEqual([
      {
        productId: 'p1',
        skuId: 's1',
        variant: '',
        old: { amount: '10.00', currency: 'USD' },
        new: { amount: '12.00', currency: 'USD' },
        titles: { en: 'Hong Kong 1GB', 'zh-CN': 'Hong Kong 1GB 中' },
      },
    ]);
  });

  it('gives the grid the same last changes whether held in memory or looked up offer by offer', async () => {
    const { db, second } = await twoRuns();
    const runs = new Map([['fake', second]]);
    for (const lastChanges of [allLastChanges(db, runs), lastChangesByLookup(db, runs)]) {
      expect(lastChanges(ref(1))).toEqual({ runId: second, kinds: ['price_up'] });
      expect(lastChanges(ref(2))).toEqual({ runId: second, kinds: ['stock_changed'] });
      expect(lastChanges(ref(3))).toEqual({ runId: second, kinds: ['removed'] });
      expect(lastChanges(ref(4))).toBeNull();
      expect(lastChanges({ ...ref(1), supplier: 'other' })).toBeNull();
    }
  });
});

describe('the offers table, read through offer-lookups', () => {
  it("counts live offers per supplier and finds stored titles, a removed offer's too", async () => {
    const { db } = await twoRuns();
    expect(liveOfferCounts(db)).toEqual(new Map([['fake', 10]]));
    const titles = titlesOf(db, [ref(1), ref(3), ref(1), ref(99)]);
    expect([...titles.values()].map((t) => t.en)).toEqual(['Hong Kong 1GB', 'Plan 3']);
  });
});

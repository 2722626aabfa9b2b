import { afterEach, describe, expect, it } from 'vitest';
import { commitCatalog, startRun } from '../../src-main/db/catalog-repo';
import type { Offer } from '../../src-main/domain/offer';
import { planOffer as offer } from '../helpers/plan-offer';
import { runCli } from '../../src-main/cli/main';
import { linkOffer, unlinkOffer } from '../../src-main/grid/links';
import { getPlanRow, queryGrid } from '../../src-main/grid/query';
import { matchSuggestions } from '../../src-main/grid/suggestions';
import { tempDb } from '../helpers/temp-db';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

const ASIA8 = ['ID', 'JP', 'KR', 'MY', 'PH', 'SG', 'TH', 'VN'];
const OTHER8 = ['HK', 'JP', 'KR', 'MO', 'SG', 'TH', 'TW', 'VN'];

function setup(listings: Record<string, Offer[]>) {
  const store = tempDb();
  cleanups.push(store.cleanup);
  const sync = () => {
    for (const [supplier, offers] of Object.entries(listings))
      commitCatalog(store.db, startRun(store.db, supplier, 'test'), supplier, offers, []);
  };
  sync();
  return { db: store.db, file: store.file, sync };
}

const rowOf = (db: ReturnType<typeof setup>['db'], supplier: string, productId: string) =>
  queryGrid(db, { limit: 1000 }).rows.find((row) =>
    row.offers.some((o) => o.supplier === supplier && o.productId === productId),
  )!;

describe('regional bundles and doubtful matches in the grid', () => {
  it('puts a bundle that is only named in the row of the countries the listings agree on, and says why', () => {
    const { db } = setup({
      bc: [
        offer(
          '1',
          { en: 'Asia 8 Countries 3GB 7 Days', 'zh-CN': '亚洲8国 3GB 7天' },
          { countries: ASIA8, dataMB: 3072, days: 7 },
        ),
      ],
      dj: [
        offer('1', { 'zh-CN': '亚洲8国 3GB 7天', 'en-US': 'Asia 8 Countries 3GB 7 Days' }),
        offer('2', { 'zh-CN': '日本 无限流量 5GB 7天', 'en-US': 'Japan Unlimited 5GB 7 Days' }),
      ],
      ms: [offer('1', { 'zh-TW': '東南亞8國 3GB 7天' }), offer('2', { en: 'Japan 5GB 7 Days' })],
    });
    const asia = rowOf(db, 'dj', '1');
    expect(asia.offers.map((o) => o.supplier).sort()).toEqual(['bc', 'dj']);
    expect(asia.offers.find((o) => o.supplier === 'dj')!.match).toEqual({ via: 'matched', regionResolved: 'ASIA-8' });
    expect(asia.offers.find((o) => o.supplier === 'bc')!.match).toEqual({ via: 'matched' });
    // A "Japan" search finds the bundle too: it covers Japan.
    expect(queryGrid(db, { search: '日本', limit: 100 }).rows.map((r) => r.id)).toContain(asia.id);
    // Southeast Asia 8 is another bundle: nobody listed it, so it stays apart.
    expect(rowOf(db, 'ms', '1').id).not.toBe(asia.id);
    // The quota rule: the throttled unlimited 5GB plan is the 5GB plan, marked as throttled.
    const japan = rowOf(db, 'dj', '2');
    expect(japan.offers.map((o) => o.supplier).sort()).toEqual(['dj', 'ms']);
    expect(japan.offers.find((o) => o.supplier === 'dj')!.match).toEqual({ via: 'matched', throttledAfterQuota: true });
  });

  it('leaves a bundle name used for two country sets unmatched, suggests both, and remembers the decision across syncs', async () => {
    const { db, file, sync } = setup({
      bc: [offer('1', { en: 'Asia 8 Countries 3GB 7 Days' }, { countries: ASIA8, dataMB: 3072, days: 7 })],
      lf: [offer('1', { en: 'Asia 8 Countries 3GB 7 Days' }, { countries: OTHER8, dataMB: 3072, days: 7 })],
      dj: [offer('1', { 'zh-CN': '亚洲8国 3GB 7天' })],
    });
    const named = rowOf(db, 'dj', '1');
    expect(named.offers).toHaveLength(1);
    expect(named.offers[0].match).toEqual({ via: 'alone', regionAmbiguous: 'ASIA-8' });
    const suggestions = matchSuggestions(db, 'en');
    expect(suggestions.map((s) => [s.offer.supplier, s.reason, s.toRowId]).sort()).toEqual(
      [
        ['dj', 'region-ambiguous', rowOf(db, 'bc', '1').id],
        ['dj', 'region-ambiguous', rowOf(db, 'lf', '1').id],
      ].sort(),
    );
    // The row panel asks only about its own row.
    expect(matchSuggestions(db, 'en', {}, rowOf(db, 'bc', '1').id)).toHaveLength(1);

    // The CLI lists the same, and accepts one by number.
    const lines: string[] = [];
    const output = {
      out: (text: string) => lines.push(text),
      err: (text: string) => lines.push(text),
      json: (value: unknown) => lines.push(JSON.stringify(value)),
    };
    expect(await runCli(['matches', '--suggested', '--json', '--db', file], output)).toBe(0);
    expect(JSON.parse(lines[0])).toHaveLength(2);
    const bcFirst = suggestions.findIndex((s) => s.toRowId === rowOf(db, 'bc', '1').id) + 1;
    expect(await runCli(['matches', 'accept', String(bcFirst), '--db', file], output)).toBe(0);

    expect(rowOf(db, 'dj', '1').id).toBe(rowOf(db, 'bc', '1').id);
    expect(rowOf(db, 'dj', '1').offers.find((o) => o.supplier === 'dj')!.match?.via).toBe('linked');
    expect(matchSuggestions(db, 'en')).toEqual([]);
    sync();
    expect(rowOf(db, 'dj', '1').id).toBe(rowOf(db, 'bc', '1').id);
    expect(matchSuggestions(db, 'en')).toEqual([]);
  });

  it('suggests an offer read with too little confidence, and never again once rejected', () => {
    const { db, sync } = setup({
      lf: [offer('1', { en: 'South Korea 3GB 5 Days' }, { countries: ['KR'], dataMB: 3072, days: 5 })],
      ms: [offer('1', { 'zh-CN': '韩国 3GB 7天', en: 'Korea 3GB 5 Days' })],
    });
    const [suggestion] = matchSuggestions(db, 'en');
    expect(suggestion).toMatchObject({
      reason: 'uncertain',
      offer: { supplier: 'ms', productId: '1' },
      toRowId: rowOf(db, 'lf', '1').id,
    });
    expect(getPlanRow(db, suggestion.fromRowId)!.offers[0].match?.via).toBe('alone');
    unlinkOffer(db, suggestion.offer);
    expect(matchSuggestions(db, 'en')).toEqual([]);
    sync();
    expect(matchSuggestions(db, 'en')).toEqual([]);
    // Linking by hand elsewhere is a decision too.
    linkOffer(db, suggestion.offer, rowOf(db, 'lf', '1').planKey);
    expect(rowOf(db, 'ms', '1').id).toBe(rowOf(db, 'lf', '1').id);
  });
});

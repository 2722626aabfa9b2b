import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OfferKind } from '../../src-main/domain/offer';
import type { PlanAttributes } from '../../src-main/domain/plan-attributes';
import { flagOf } from '../../src-main/export/row-builder';
import {
  freeHandle,
  handleBase,
  HANDLE_MAX,
  HANDLE_PATTERN,
  legacyHandle,
  type HandleSource,
} from '../../src-main/export/store-identity';

const runs = {
  numRuns: Number(process.env.FC_RUNS ?? 300),
  ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}),
};

const plan = (
  countries: string[],
  dataMB: number | null,
  days: number | null,
  extra: Partial<Extract<PlanAttributes, { type: 'plan' }>> = {},
): HandleSource => ({
  kind: 'esim',
  englishTitle: '',
  attributes: { type: 'plan', countries, dataMB, unlimited: false, perDay: false, days, confidence: 1, ...extra },
});

describe('store handles: readable, from the plan', () => {
  it('reads like the plan: country, volume, length', () => {
    expect(handleBase(plan(['JP'], 10240, 30))).toBe('japan-10gb-30-days');
    expect(handleBase(plan(['HK'], 500, 1))).toBe('hong-kong-500mb-1-day');
    expect(handleBase(plan(['CN', 'HK', 'MO'], 5120, 7))).toBe('china-hong-kong-macau-5gb-7-days');
    expect(handleBase(plan(['GB', 'FR', 'DE', 'IT', 'ES', 'CH', 'NL', 'BE', 'AT', 'PT', 'GR', 'SE'], 3072, 15))).toBe(
      'europe-12-country-3gb-15-days',
    );
    expect(handleBase(plan(['JP', 'KR', 'TH', 'US'], 1024, 5))).toBe('japan-korea-and-2-more-1gb-5-days');
    expect(handleBase(plan(['TH'], 2048, 10, { unlimited: true, perDay: true }))).toBe(
      'thailand-unlimited-2gb-daily-10-days',
    );
    // Countries outside the built-in list are named by ICU, accents folded.
    expect(handleBase(plan(['CW'], 1024, 7))).toBe('curacao-1gb-7-days');
  });

  it('gives a plan whose suppliers write only Chinese an English handle from its attributes', () => {
    const source = { ...plan(['JP'], 10240, 30), englishTitle: '' };
    expect(handleBase(source)).toBe('japan-10gb-30-days');
    const goods: HandleSource = {
      kind: 'card',
      englishTitle: '',
      attributes: { type: 'goods', name: '腾讯视频 会员', faceValue: { amount: '30', currency: 'CNY' }, confidence: 1 },
    };
    expect(handleBase(goods)).toBe('gift-card-30-cny');
    expect(handleBase({ ...goods, attributes: { ...goods.attributes, name: 'steam wallet' } as PlanAttributes })).toBe(
      'steam-wallet-30-cny',
    );
  });

  it('falls back to the English title, then the kind, when the attributes say nothing', () => {
    const unread = plan([], null, null);
    expect(handleBase({ ...unread, englishTitle: 'Travel SIM — Café edition!' })).toBe('travel-sim-cafe-edition');
    expect(handleBase(unread)).toBe('esim');
  });

  it('suffixes only on a collision, first come first served', () => {
    const taken = new Set(['japan-10gb-30-days', 'japan-10gb-30-days-2']);
    expect(freeHandle('japan-10gb-30-days', (h) => taken.has(h))).toBe('japan-10gb-30-days-3');
    expect(freeHandle('korea-1gb-1-day', (h) => taken.has(h))).toBe('korea-1gb-1-day');
  });

  it('keeps the hashed form for plans a store received before handles were kept', () => {
    expect(legacyHandle('plan|HK,MO|5120|total|7d')).toMatch(/^hk-mo-5120-total-7d-[0-9a-f]{8}$/);
    expect(legacyHandle('香港')).toMatch(/^[0-9a-f]{8}$/);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Properties over arbitrary plans: the assignment the export makes, replayed over a plain map.

const KINDS: OfferKind[] = ['esim', 'data_plan', 'card', 'direct_topup', 'mobile_recharge', 'other'];
const countryCode = fc.oneof(
  fc.constantFrom('JP', 'HK', 'MO', 'CN', 'US', 'GB', 'TH', 'CW', 'CI', 'ZZ', 'REGION:EU12', 'REGION:XX'),
  fc
    .tuple(fc.integer({ min: 65, max: 90 }), fc.integer({ min: 65, max: 90 }))
    .map(([a, b]) => String.fromCharCode(a, b)),
);
const planSource: fc.Arbitrary<HandleSource> = fc.record({
  kind: fc.constantFrom<OfferKind>('esim', 'data_plan'),
  englishTitle: fc.string({ maxLength: 80 }),
  attributes: fc.record({
    type: fc.constant('plan' as const),
    countries: fc.uniqueArray(countryCode, { maxLength: 40 }),
    dataMB: fc.option(fc.integer({ min: 1, max: 1_000_000 })),
    unlimited: fc.boolean(),
    perDay: fc.boolean(),
    days: fc.option(fc.integer({ min: 1, max: 3650 })),
    confidence: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
}) as fc.Arbitrary<HandleSource>;
const goodsSource: fc.Arbitrary<HandleSource> = fc.record({
  kind: fc.constantFrom(...KINDS),
  englishTitle: fc.string({ maxLength: 80 }),
  attributes: fc.record({
    type: fc.constant('goods' as const),
    name: fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.constantFrom('steam wallet', '腾讯视频 会员', 'pubg mobile 60 uc', 'ÉCOLE café'),
    ),
    faceValue: fc.option(
      fc.record({
        amount: fc.constantFrom('10', '6.5', '100', '0.99'),
        currency: fc.constantFrom('CNY', 'USD', 'MYR'),
      }),
    ),
    confidence: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
}) as fc.Arbitrary<HandleSource>;
const source = fc.oneof(planSource, goodsSource);

/** What the export does for each written row: the kept handle, else the first free readable one, kept from then on. */
function assign(
  kept: Map<string, string>,
  plans: ReadonlyArray<{ key: string; source: HandleSource }>,
): Map<string, string> {
  const taken = new Set(kept.values());
  for (const { key, source: of } of plans) {
    if (kept.has(key)) continue;
    const handle = freeHandle(handleBase(of), (h) => taken.has(h));
    kept.set(key, handle);
    taken.add(handle);
  }
  return kept;
}

const plans = (min = 0) =>
  fc.uniqueArray(fc.record({ key: fc.string({ minLength: 1, maxLength: 20 }), source }), {
    selector: (p) => p.key,
    minLength: min,
    maxLength: 60,
  });

describe('store handles: properties', () => {
  it('are readable ASCII slugs of bounded length, whatever the plan (Chinese, accents, unknown codes, 40 countries)', () => {
    fc.assert(
      fc.property(source, (of) => {
        const base = handleBase(of);
        expect(base).toMatch(HANDLE_PATTERN);
        expect(base.length).toBeLessThanOrEqual(HANDLE_MAX - 4);
      }),
      runs,
    );
  });

  it('are unique across every plan, and a suffixed one is still a slug', () => {
    fc.assert(
      fc.property(plans(), (all) => {
        const handles = [...assign(new Map(), all).values()];
        expect(new Set(handles).size).toBe(handles.length);
        for (const handle of handles) expect(handle).toMatch(HANDLE_PATTERN);
      }),
      runs,
    );
  });

  it('never change when later syncs add plans, even colliding ones, in any order', () => {
    fc.assert(
      fc.property(plans(1), plans(), fc.integer(), (before, added, seed) => {
        const first = new Map(assign(new Map(), before));
        const later = [...before, ...added.filter((p) => !before.some((b) => b.key === p.key))];
        // A later export may meet the plans in another order (another sort, another filter).
        const shuffled = later
          .map((p, i) => ({ p, r: Math.sin(seed + i) }))
          .sort((a, b) => a.r - b.r)
          .map(({ p }) => p);
        const second = assign(new Map(first), shuffled);
        for (const [key, handle] of first) expect(second.get(key)).toBe(handle);
        expect(new Set(second.values()).size).toBe(second.size);
      }),
      runs,
    );
  });

  it('suffix a plan only when its readable handle is taken', () => {
    fc.assert(
      fc.property(plans(1), (all) => {
        const assigned = assign(new Map(), all);
        const given = new Set<string>();
        for (const { key, source: of } of all) {
          const base = handleBase(of);
          const handle = assigned.get(key)!;
          if (!given.has(base)) expect(handle).toBe(base);
          else expect(handle).toMatch(new RegExp(`^${base}-\\d+$`));
          given.add(handle);
        }
      }),
      runs,
    );
  });
});

describe('preflight flags', () => {
  const usd = (amount: string) => ({ amount, currency: 'USD' });

  it('flags a price below cost and a missing price, and nothing at or above cost', () => {
    expect(flagOf({ price: '4.99', cost: usd('5.00'), currency: 'USD' })).toBe('below_cost');
    expect(flagOf({ price: null, cost: usd('5.00'), currency: 'USD' })).toBe('no_price');
    expect(flagOf({ price: null, cost: null, currency: 'USD' })).toBe('no_price');
    expect(flagOf({ price: '5.00', cost: usd('5'), currency: 'USD' })).toBeNull();
    expect(flagOf({ price: '5.01', cost: usd('5.00'), currency: 'USD' })).toBeNull();
    expect(flagOf({ price: '9.99', cost: null, currency: 'USD' })).toBeNull();
  });

  it('judges the price the store charges: up to the minor unit, never a fraction of a cent or yen it cannot charge', () => {
    // A locked 4.991 is written, and charged, as 5.00: no loss on a 5.00 cost.
    expect(flagOf({ price: '4.991', cost: usd('5.00'), currency: 'USD' })).toBeNull();
    expect(flagOf({ price: '1000.7', cost: { amount: '1001', currency: 'JPY' }, currency: 'JPY' })).toBeNull();
    expect(flagOf({ price: '999.9', cost: { amount: '1000.5', currency: 'JPY' }, currency: 'JPY' })).toBe('below_cost');
  });
});

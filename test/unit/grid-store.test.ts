import { describe, expect, it } from 'vitest';
import type { GridOffer, PlanRow } from '../../src-shared/grid-types';
import { chartGeometry, historyInMerchantCurrency } from '../../src-renderer/screens/grid/chart-geometry';
import {
  cellAmount,
  coverageOf,
  dataOf,
  marginLevel,
  roundedAmount,
  supplierCells,
} from '../../src-renderer/screens/grid/grid-format';
import { columnLayout } from '../../src-renderer/screens/grid/columns';
import {
  buildGridQuery,
  tickedRowExample,
  DEFAULT_SORT,
  EMPTY_FILTERS,
  findLoadedRow,
  hasActiveFilters,
  isJump,
  mergePage,
  nextSort,
  normalizeAmount,
  pagesCovering,
  pagesToFetch,
  parseCountryCodes,
  queryKey,
  rowAtIndex,
} from '../../src-renderer/stores/grid-query';

function offer(
  supplier: string,
  amount: string | null,
  status: GridOffer['stock']['status'] = 'in_stock',
  productId = '1',
): GridOffer {
  return {
    supplier,
    productId,
    skuId: productId,
    variant: '',
    kind: 'esim',
    titles: { en: 'Japan 5GB 7 Days' },
    cost: { amount: amount ?? '10', currency: amount ? 'USD' : 'THB' },
    converted: amount ? { amount, currency: 'USD' } : null,
    stock: { status, quantity: null },
    orderable: true,
    categoryId: null,
  };
}

function row(id: number, overrides: Partial<PlanRow> = {}): PlanRow {
  return {
    id,
    planKey: `plan|${id}`,
    kind: 'esim',
    title: `Plan ${id}`,
    attributes: {
      type: 'plan',
      countries: ['JP'],
      dataMB: 5120,
      unlimited: false,
      perDay: false,
      days: 7,
      confidence: 1,
    },
    offers: [],
    best: null,
    second: null,
    bestCost: null,
    salePrice: null,
    margin: null,
    marginPercent: null,
    ruleId: null,
    locked: false,
    priceRefused: false,
    changes: [],
    ...overrides,
  };
}

const rows = (from: number, count: number) => Array.from({ length: count }, (_, i) => row(from + i));

describe('building the grid query from what the merchant chose', () => {
  it('sends only what narrows the result, with the page as offset/limit', () => {
    expect(buildGridQuery(EMPTY_FILTERS, DEFAULT_SORT, 'en', 0)).toEqual({
      language: 'en',
      sort: { column: 'title', direction: 'asc' },
      offset: 0,
      limit: 100,
    });
    const query = buildGridQuery(
      {
        search: '  香港 5GB ',
        suppliers: ['demo-mesim'],
        kinds: ['esim'],
        countries: 'jp, hk',
        stock: 'in_stock',
        marginBelow: '1,5',
        changedInLastSync: true,
      },
      { column: 'margin', direction: 'desc' },
      'zh-CN',
      3,
    );
    expect(query).toEqual({
      language: 'zh-CN',
      sort: { column: 'margin', direction: 'desc' },
      offset: 300,
      limit: 100,
      search: '香港 5GB',
      suppliers: ['demo-mesim'],
      kinds: ['esim'],
      countries: ['JP', 'HK'],
      stock: 'in_stock',
      marginBelow: '1.5',
      changedInLastSync: true,
    });
  });

  it('ignores a half-typed margin and an unparseable country instead of sending them', () => {
    const query = buildGridQuery({ ...EMPTY_FILTERS, marginBelow: '1.', countries: 'Jap' }, DEFAULT_SORT, 'en', 0);
    expect(query.marginBelow).toBeUndefined();
    expect(query.countries).toBeUndefined();
  });

  it('reads country codes and names with any separator, in full width too, deduped', () => {
    expect(parseCountryCodes('jp, hk HK；ｔｗ')).toEqual(['JP', 'HK', 'TW']);
    expect(parseCountryCodes('Japan, 日本、Hong Kong, 港澳台')).toEqual(['Japan', '日本', 'Hong Kong', '港澳台']);
    expect(parseCountryCodes('Jap, XQ')).toEqual([]);
  });

  it('accepts decimal amounts only, as strings', () => {
    expect(normalizeAmount('5')).toBe('5');
    expect(normalizeAmount(' -2.50 ')).toBe('-2.50');
    expect(normalizeAmount('+3')).toBe('3');
    expect(normalizeAmount('0,99')).toBe('0.99');
    expect(normalizeAmount('1e3')).toBeNull();
    expect(normalizeAmount('abc')).toBeNull();
    expect(normalizeAmount('')).toBeNull();
  });

  it('knows when a filter is active', () => {
    expect(hasActiveFilters(EMPTY_FILTERS)).toBe(false);
    expect(hasActiveFilters({ ...EMPTY_FILTERS, search: '   ' })).toBe(false);
    expect(hasActiveFilters({ ...EMPTY_FILTERS, marginBelow: '1.' })).toBe(false);
    expect(hasActiveFilters({ ...EMPTY_FILTERS, stock: 'out' })).toBe(true);
  });

  it('gives equal keys to states that ask the server the same question', () => {
    const a = queryKey({ ...EMPTY_FILTERS, marginBelow: '5' }, DEFAULT_SORT, 'en');
    expect(queryKey({ ...EMPTY_FILTERS, marginBelow: '5.' }, DEFAULT_SORT, 'en')).not.toBe(a);
    expect(queryKey({ ...EMPTY_FILTERS, marginBelow: '5' }, DEFAULT_SORT, 'en')).toBe(a);
    expect(queryKey({ ...EMPTY_FILTERS, marginBelow: '5' }, DEFAULT_SORT, 'zh-CN')).not.toBe(a);
    expect(queryKey({ ...EMPTY_FILTERS, search: ' x ' }, DEFAULT_SORT, 'en')).toBe(
      queryKey({ ...EMPTY_FILTERS, search: 'x' }, DEFAULT_SORT, 'en'),
    );
  });

  it('flips the direction on the same column, and starts money and breadth sorts biggest first', () => {
    expect(nextSort(DEFAULT_SORT, 'title')).toEqual({ column: 'title', direction: 'desc' });
    expect(nextSort(DEFAULT_SORT, 'margin')).toEqual({ column: 'margin', direction: 'desc' });
    expect(nextSort(DEFAULT_SORT, 'suppliers')).toEqual({ column: 'suppliers', direction: 'desc' });
    expect(nextSort(DEFAULT_SORT, 'bestCost')).toEqual({ column: 'bestCost', direction: 'asc' });
  });
});

describe('the sparse page window', () => {
  it('covers the rows on screen with whole pages, clipped to the total', () => {
    expect(pagesCovering(0, 30, 1554)).toEqual([0]);
    expect(pagesCovering(95, 130, 1554)).toEqual([0, 1]);
    expect(pagesCovering(1540, 1600, 1554)).toEqual([15]);
    expect(pagesCovering(0, 30, 0)).toEqual([]);
    // Before the first answer the total is unknown: ask for the first page.
    expect(pagesCovering(0, 0, null)).toEqual([0]);
  });

  it('fetches missing and stale pages nearest the centre first, never one already in flight, within the free slots', () => {
    const pages = { 4: rows(400, 100), 5: rows(500, 100) };
    expect(pagesToFetch([3, 4, 5, 6, 7], pages, new Set(), new Set(), 3)).toEqual([6, 3, 7]);
    expect(pagesToFetch([3, 4, 5, 6, 7], pages, new Set([5]), new Set([6]), 2)).toEqual([5, 3]);
    expect(pagesToFetch([4, 5], pages, new Set(), new Set(), 3)).toEqual([]);
    expect(pagesToFetch([3], {}, new Set(), new Set(), 0)).toEqual([]);
  });

  it('keeps at most the cache limit, forgetting the pages farthest from the view, without mutating the old map', () => {
    let pages = {};
    for (let page = 0; page < 6; page++) pages = mergePage(pages, page, rows(page * 100, 2), page, 4);
    expect(
      Object.keys(pages)
        .map(Number)
        .sort((a, b) => a - b),
    ).toEqual([2, 3, 4, 5]);
    const before = { 0: rows(0, 1) };
    const after = mergePage(before, 9, rows(900, 1), 9, 4);
    expect(Object.keys(before)).toEqual(['0']);
    expect(Object.keys(after).sort()).toEqual(['0', '9']);
    // The page just stored survives even when it is the farthest from the focus.
    const kept = mergePage({ 0: rows(0, 1), 1: rows(100, 1) }, 50, rows(5000, 1), 0, 2);
    expect(Object.keys(kept)).toContain('50');
  });

  it('finds a row by index across pages and by plan key wherever it was loaded', () => {
    const pages = { 0: rows(0, 100), 3: rows(300, 100) };
    expect(rowAtIndex(pages, 42)?.id).toBe(42);
    expect(rowAtIndex(pages, 305)?.id).toBe(305);
    expect(rowAtIndex(pages, 150)).toBeUndefined();
    expect(findLoadedRow(pages, 'plan|342')?.id).toBe(342);
    expect(findLoadedRow(pages, 'plan|999')).toBeUndefined();
  });

  it('takes the bulk lock\u2019s example from the top-most ticked row on screen that has one, in the grid\u2019s currency', () => {
    const yen = (amount: string) => ({ amount, currency: 'JPY' });
    const pages = {
      3: [row(300, { salePrice: yen('4980'), margin: yen('700') })],
      0: [
        row(1, { salePrice: null, margin: null }),
        row(2, { salePrice: { amount: '9.99', currency: 'USD' }, margin: yen('-120') }),
        row(3, { salePrice: yen('1980'), margin: yen('0') }),
      ],
    };
    const ticked = (keys: string[]) => (planKey: string) => keys.includes(planKey);
    expect(tickedRowExample(pages, ticked(['plan|1', 'plan|2', 'plan|3', 'plan|300']), 'salePrice', 'JPY')).toBe(
      '1980',
    );
    // A loss or a zero margin is no example of one to lock.
    expect(tickedRowExample(pages, ticked(['plan|2', 'plan|3', 'plan|300']), 'margin', 'JPY')).toBe('700');
    expect(tickedRowExample(pages, ticked(['plan|300']), 'salePrice', 'JPY')).toBe('4980');
    expect(tickedRowExample(pages, ticked(['plan|1', 'plan|2']), 'salePrice', 'JPY')).toBeNull();
  });

  it('tells a fling or jump from scrolling to the neighbouring page', () => {
    expect(isJump([0], [0, 1])).toBe(false);
    expect(isJump([3, 4], [5])).toBe(false);
    expect(isJump([3, 4], [9])).toBe(true);
    expect(isJump([9], [2])).toBe(true);
    expect(isJump([], [9])).toBe(false);
  });
});

describe('what a row shows', () => {
  it('rounds amounts half-up on the decimal string, with grouping and a real minus', () => {
    expect(roundedAmount('3.059247')).toBe('3.06');
    expect(roundedAmount('2.345')).toBe('2.35');
    expect(roundedAmount('1234567.004')).toBe('1,234,567.00');
    expect(roundedAmount('-0.004')).toBe('0.00');
    expect(roundedAmount('-12.5')).toBe('−12.50');
    // Beyond float precision: exact all the same.
    expect(roundedAmount('9007199254740993.015')).toBe('9,007,199,254,740,993.02');
    expect(cellAmount(null)).toBe('—');
  });

  it('flags a loss and a thin margin', () => {
    expect(marginLevel({ margin: { amount: '-0.10', currency: 'USD' }, marginPercent: '-5.0' })).toBe('loss');
    expect(marginLevel({ margin: { amount: '0.30', currency: 'USD' }, marginPercent: '9.9' })).toBe('low');
    expect(marginLevel({ margin: { amount: '0.00', currency: 'USD' }, marginPercent: '0.0' })).toBe('low');
    expect(marginLevel({ margin: { amount: '1.00', currency: 'USD' }, marginPercent: '10.0' })).toBe('ok');
    expect(marginLevel({ margin: null, marginPercent: null })).toBe('none');
  });

  it('gives each supplier one cell: the row best if it is theirs, else their cheapest buyable offer', () => {
    const best = offer('a', '5.00', 'in_stock', 'best');
    const cells = supplierCells(
      row(1, {
        offers: [offer('a', '4.00', 'out', 'cheap-out'), best, offer('b', '7.5'), offer('c', null)],
        best: { supplier: 'a', productId: 'best', skuId: 'best', variant: '' },
      }),
    );
    expect(cells.get('a')?.offer.productId).toBe('best');
    expect(cells.get('a')?.isBest).toBe(true);
    expect(cells.get('a')?.others.map((o) => o.productId)).toEqual(['cheap-out']);
    expect(cells.get('b')?.isBest).toBe(false);
    expect(cells.get('c')?.offer.converted).toBeNull();
    expect(cells.has('d')).toBe(false);
  });

  it('reads coverage and data from the plan attributes', () => {
    expect(
      coverageOf({
        type: 'plan',
        countries: ['HK'],
        dataMB: 1024,
        unlimited: false,
        perDay: false,
        days: 1,
        confidence: 1,
      }),
    ).toEqual({ type: 'one', code: 'HK' });
    expect(
      coverageOf({
        type: 'plan',
        countries: ['REGION:ASIA'],
        dataMB: 1024,
        unlimited: false,
        perDay: false,
        days: 1,
        confidence: 1,
      }),
    ).toEqual({ type: 'one', code: 'ASIA' });
    expect(
      coverageOf({
        type: 'plan',
        countries: ['AT', 'BE', 'CH'],
        dataMB: 1024,
        unlimited: false,
        perDay: false,
        days: 1,
        confidence: 1,
      }),
    ).toMatchObject({ type: 'many', count: 3 });
    expect(coverageOf({ type: 'goods', name: 'steam', faceValue: null, confidence: 1 })).toEqual({ type: 'none' });
    expect(
      dataOf({ type: 'plan', countries: ['HK'], dataMB: 1024, unlimited: false, perDay: true, days: 5, confidence: 1 }),
    ).toEqual({ type: 'volume', mb: 1024, perDay: true });
    // The quota rule: a throttled "unlimited" plan with a high-speed quota reads as that quota.
    expect(
      dataOf({
        type: 'plan',
        countries: ['HK'],
        dataMB: 10240,
        unlimited: true,
        perDay: false,
        days: 5,
        confidence: 1,
      }),
    ).toEqual({ type: 'volume', mb: 10240, perDay: false });
    expect(
      dataOf({ type: 'plan', countries: ['HK'], dataMB: null, unlimited: true, perDay: false, days: 5, confidence: 1 }),
    ).toEqual({ type: 'unlimited', capMB: null, perDay: false });
  });

  it('sizes columns so five suppliers fit beside a usable title at 1280px', () => {
    const { minWidth, template, columns } = columnLayout(['a', 'b', 'c', 'd', 'e']);
    expect(columns.slice(0, 2)).toEqual(['select', 'title']);
    expect(template.split(' ')[1]).toBe('minmax(180px,');
    // 1280 − 184 sidebar − 48 padding − 2 border − 15 scrollbar.
    expect(minWidth).toBeLessThanOrEqual(1031);
  });

  it('leaves hidden columns out and uses the widths the merchant dragged, within bounds', () => {
    const layout = columnLayout(['a', 'b'], new Set(['kind', 'supplier:b', 'margin']), {
      title: 300,
      days: 5,
      'supplier:a': 9000,
    });
    expect(layout.columns).toEqual(['select', 'title', 'coverage', 'data', 'days', 'supplier:a', 'sale']);
    expect(layout.template).toBe('30px minmax(300px, 1fr) 80px 80px 40px 640px 74px');
    expect(layout.spans).toEqual({ plan: 5, cost: 1, price: 1 });
    // No supplier configured: one "best cost" column stands in for them.
    expect(columnLayout([]).columns).toContain('best');
  });
});

describe('the price-history chart', () => {
  const box = { width: 500, height: 200, top: 10, right: 10, bottom: 30, left: 60 };

  it('converts history at the current rate of the offer, exactly', () => {
    const points = historyInMerchantCurrency(
      [
        { at: '2026-01-02T00:00:00Z', amount: '20', currency: 'CNY' },
        { at: '2026-01-01T00:00:00Z', amount: '14.00', currency: 'CNY' },
        { at: 'bad', amount: '1', currency: 'CNY' },
      ],
      { cost: { amount: '14.00', currency: 'CNY' }, converted: { amount: '1.9446', currency: 'USD' } },
    );
    expect(points.map((p) => p.value)).toEqual(['1.9446', '2.778']);
    expect(
      historyInMerchantCurrency([{ at: '2026-01-01T00:00:00Z', amount: '1', currency: 'CNY' }], {
        cost: { amount: '1', currency: 'CNY' },
        converted: null,
      }),
    ).toEqual([]);
  });

  it('draws nothing for no points, a flat line for one, steps for changes, carried on to now', () => {
    expect(chartGeometry([], box, 0)).toBeNull();
    const t0 = Date.parse('2026-01-01T00:00:00Z');
    const one = chartGeometry(
      [{ key: 'a', points: [{ time: t0, value: '5', original: { at: '', amount: '5', currency: 'USD' } }] }],
      box,
      t0,
    )!;
    expect(one.paths[0].d).toMatch(/^M60 \d+(\.\d)? H490$/);
    expect(one.yTicks).toEqual([{ y: expect.any(Number), value: '5.00' }]);

    const now = t0 + 2 * 86_400_000;
    const stepped = chartGeometry(
      [
        {
          key: 'a',
          points: [
            { time: t0, value: '1.00', original: { at: '', amount: '1.00', currency: 'USD' } },
            { time: t0 + 86_400_000, value: '2.00', original: { at: '', amount: '2.00', currency: 'USD' } },
          ],
        },
        { key: 'b', points: [] },
      ],
      box,
      now,
    )!;
    expect(stepped.paths).toHaveLength(1);
    const [, , mid] = stepped.paths[0].d.split(' ');
    expect(mid).toBe('H275');
    expect(stepped.paths[0].d.endsWith('H490')).toBe(true);
    expect(stepped.yTicks.map((tick) => tick.value)).toEqual(['1.00', '1.50', '2.00']);
    // Higher prices sit higher on the chart.
    expect(stepped.yTicks[2].y).toBeLessThan(stepped.yTicks[0].y);
  });

  it('uses four decimals when two would merge distinct tick values', () => {
    const t0 = 0;
    const geometry = chartGeometry(
      [
        {
          key: 'a',
          points: [
            { time: t0, value: '1.001', original: { at: '', amount: '1.001', currency: 'USD' } },
            { time: t0 + 1000, value: '1.004', original: { at: '', amount: '1.004', currency: 'USD' } },
          ],
        },
      ],
      box,
      t0 + 120_000,
    )!;
    expect(geometry.decimals).toBe(4);
    expect(geometry.yTicks.map((tick) => tick.value)).toEqual(['1.0010', '1.0025', '1.0040']);
  });

  it('labels the axis in the merchant currency’s minor units: none for JPY, three for KWD', () => {
    const series = (values: string[], currency: string) => [
      {
        key: 'a',
        points: values.map((value, i) => ({ time: i * 1000, value, original: { at: '', amount: value, currency } })),
      },
    ];
    const yen = chartGeometry(series(['638.17', '700.4'], 'JPY'), box, 120_000, 0)!;
    expect(yen.yTicks.map((tick) => tick.value)).toEqual(['638', '669', '700']);
    // Ticks a yen apart or less keep two decimals rather than merge.
    expect(chartGeometry(series(['638.2', '638.6'], 'JPY'), box, 120_000, 0)!.decimals).toBe(2);
    const dinar = chartGeometry(series(['12.188', '12.5'], 'KWD'), box, 120_000, 3)!;
    expect(dinar.yTicks.map((tick) => tick.value)).toEqual(['12.188', '12.344', '12.500']);
  });
});

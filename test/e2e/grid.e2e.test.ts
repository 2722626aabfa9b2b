import Decimal from 'decimal.js';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiContract } from '../../src-shared/contract';
import { createHandlers } from '../../src-main/api/handlers';
import type { GridPage, OfferRef, PlanRow } from '../../src-shared/grid-types';
import { launchApp, type E2eApp } from './harness';
import { common } from '../../src-renderer/i18n/common';
import { fillTemplate } from '../../src-renderer/i18n/fill-template';
import { supplierOfferKey } from '../../src-main/domain/offer';
import { soloKey as soloKeyOf } from '../../src-main/grid/build';

/** Every wait is bounded: a hung page must fail the test, not the whole run. */
const WAIT = { timeout: 20_000 };
const POLL = { timeout: 20_000, interval: 100 };

const LOADED_ROW = '.grid-row:not(.skeleton)';

/** A plan key inside a CSS attribute selector: solo keys carry \u0001 separators, which CSS must escape. */
const cssValue = (value: string) =>
  value.replace(/["\\]/g, '\\$&').replace(/[\u0000-\u001f]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `);
const rowSelector = (planKey: string) => `.grid-row[data-plan-key="${cssValue(planKey)}"]`;
const offerCard = (offer: OfferRef) => `.offer-card[data-offer="${cssValue(supplierOfferKey(offer))}"]`;

/** The same services the page talks to, called from the test process: the expected answers. */
const serverApi = (app: E2eApp): ApiContract => createHandlers(app.preview.services);

async function waitForCount(page: Page, count: number, language: 'en' | 'zh-CN' = 'en') {
  const text =
    language === 'en'
      ? count === 1
        ? '1 plan'
        : `${count.toLocaleString('en')} plans`
      : `${count.toLocaleString('zh-CN')} 个套餐`;
  await expect.poll(() => page.getByTestId('grid-count').textContent(), POLL).toBe(text);
}

/** Waits until no row is a placeholder and the rows shown are the current query's (no "Updating…"). */
async function waitForSettledRows(page: Page) {
  await page.locator(LOADED_ROW).first().waitFor(WAIT);
  await expect.poll(() => page.locator('.grid-row.skeleton').count(), POLL).toBe(0);
  await expect.poll(() => page.locator('.grid-summary .updating').count(), POLL).toBe(0);
}

async function renderedRows(page: Page) {
  return page.locator(LOADED_ROW).evaluateAll((rows) =>
    rows.map((row) => ({
      planKey: row.getAttribute('data-plan-key') ?? '',
      title: row.querySelector('.grid-title')?.textContent ?? '',
      coverageCodes: row.querySelector('.coverage-cell')?.getAttribute('title') ?? '',
    })),
  );
}

/**
 * Text wider than its cell must end in an ellipsis and carry its full text in a title: anything else is text
 * spilling out or being cut silently. Returns a description of every offender.
 */
async function cellsCutWithoutEllipsis(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const offenders: string[] = [];
    const selectors = [
      '.grid-row:not(.skeleton) .grid-cell',
      '.grid-title',
      '.grid-header .grid-cell',
      '.group-label',
      '.sort-label',
      '.supplier-cell .amount',
      '.margin-amount',
      '.margin-percent',
    ];
    for (const element of document.querySelectorAll<HTMLElement>(selectors.join(','))) {
      if (element.scrollWidth <= element.clientWidth + 1) continue;
      const style = getComputedStyle(element);
      // Flex cells hand the overflow to a child that ellipsizes; the child is checked on its own.
      if (style.display === 'flex') continue;
      if (style.textOverflow !== 'ellipsis' || !element.closest('[title]')) {
        offenders.push(
          `${element.className}: "${element.textContent}" (${element.scrollWidth} > ${element.clientWidth})`,
        );
      }
    }
    // Supplier names wrap to two lines and are clamped: the clamp must have a tooltip behind it.
    for (const name of document.querySelectorAll<HTMLElement>('.supplier-name')) {
      if (name.scrollHeight > name.clientHeight + 1 && !name.closest('[title]'))
        offenders.push(`supplier name "${name.textContent}" clipped without a title`);
    }
    return offenders;
  });
}

/** Clicks a row on its title: with the detail drawer open, the right part of the row lies under the drawer. */
async function clickTitle(row: Locator) {
  await row.click({ position: { x: 60, y: 18 } });
}

async function horizontalOverflow(page: Page): Promise<number> {
  return page.locator('.grid-scroll').evaluate((element) => element.scrollWidth - element.clientWidth);
}

describe('the Grid, light theme, English', () => {
  let app: E2eApp;
  let server: ApiContract;
  let total = 0;

  beforeAll(async () => {
    app = await launchApp({ viewport: { width: 1400, height: 900 } });
    server = serverApi(app);
  }, 60_000);
  afterAll(async () => {
    await app?.close();
  });

  it('asks for a sync on first run, then shows every synced plan in a virtualized table', async () => {
    const { page } = app;
    await page.getByTestId('grid-empty').waitFor(WAIT);
    expect(await page.getByTestId('grid-empty').textContent()).toContain('No plans yet');
    expect(await page.getByRole('button', { name: 'Go to Sync' }).isVisible()).toBe(true);

    await app.preview.services.sync();
    await waitForSettledRows(page);
    total = (await server['grid.query']({ limit: 1 })).total;
    expect(total).toBeGreaterThan(500);
    await waitForCount(page, total);
    expect(await page.getByTestId('grid-currency').textContent()).toBe('Prices in USD');

    // Virtualized: a screenful of rows in the DOM, not all of them.
    expect(await page.locator('.grid-row').count()).toBeLessThan(80);
    // One cost column per configured supplier.
    const suppliers = await server['suppliers.list']();
    expect(await page.locator('.supplier-head').count()).toBe(suppliers.length);
    // The best supplier's cell is highlighted in rows that have one.
    expect(await page.locator('.supplier-cell.best').count()).toBeGreaterThan(0);
    expect(await cellsCutWithoutEllipsis(page)).toEqual([]);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await app.screenshot('grid-light-en');
  }, 60_000);

  it('fits 1280×800 without a sideways scrollbar or text spilling out of cells', async () => {
    const { page } = app;
    await page.setViewportSize({ width: 1280, height: 800 });
    await waitForSettledRows(page);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(await cellsCutWithoutEllipsis(page)).toEqual([]);
    await app.screenshot('grid-1280');
    await page.setViewportSize({ width: 1400, height: 900 });
  }, 30_000);

  it('sorts from the headers, by the server', async () => {
    const { page } = app;
    await page.locator('[data-sort="salePrice"]').click();
    await waitForSettledRows(page);
    const expected = await server['grid.query']({
      language: 'en',
      sort: { column: 'salePrice', direction: 'asc' },
      limit: 5,
    });
    await expect
      .poll(async () => (await renderedRows(page)).slice(0, 5).map((r) => r.planKey), POLL)
      .toEqual(expected.rows.map((r) => r.planKey));
    await page.locator('[data-sort="title"]').click();
    await waitForSettledRows(page);
  }, 30_000);

  it('narrows to Japanese plans when searching in Chinese (日本), and again in English (Japan)', async () => {
    const { page } = app;
    const search = page.getByRole('searchbox', { name: 'Search plans' });
    for (const term of ['日本', 'Japan']) {
      await search.fill(term);
      const expected = await server['grid.query']({ search: term, language: 'en', limit: 1 });
      expect(expected.total).toBeGreaterThan(0);
      expect(expected.total).toBeLessThan(total);
      await waitForCount(page, expected.total);
      await waitForSettledRows(page);
      const rows = await renderedRows(page);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        // The English UI shows English titles; a Chinese search still has to land on Japan plans.
        expect(
          row.coverageCodes.split(' ').includes('JP') || /japan|日本/i.test(row.title),
          `${row.title} [${row.coverageCodes}]`,
        ).toBe(true);
      }
      if (term === '日本') await app.screenshot('grid-search-zh');
    }
    await search.fill('');
    await waitForCount(page, total);
  }, 60_000);

  it('combines filters: kind, country, stock and margin, with a clear-all', async () => {
    const { page } = app;
    await page.getByRole('combobox', { name: 'Kind' }).selectOption('esim');
    await page.getByRole('textbox', { name: 'Countries (names or codes)' }).fill('hk');
    await page.getByRole('combobox', { name: 'Stock' }).selectOption('in_stock');
    const expected = await server['grid.query']({ kinds: ['esim'], countries: ['HK'], stock: 'in_stock', limit: 1 });
    expect(expected.total).toBeGreaterThan(0);
    await waitForCount(page, expected.total);
    await waitForSettledRows(page);
    for (const row of await renderedRows(page)) expect(row.coverageCodes.split(' ')).toContain('HK');

    // A threshold inside the range of these rows' margins (their median), so the filter has rows to drop and rows to keep.
    const unfiltered = await server['grid.query']({
      kinds: ['esim'],
      countries: ['HK'],
      stock: 'in_stock',
      language: 'en',
      limit: 1000,
    });
    expect(unfiltered.total).toBe(expected.total);
    expect(unfiltered.rows).toHaveLength(unfiltered.total);
    const margins = unfiltered.rows
      .flatMap((row) => (row.margin ? [new Decimal(row.margin.amount)] : []))
      .sort((a, b) => a.comparedTo(b));
    const threshold = margins[Math.floor(margins.length / 2)].toFixed();
    const below = new Set(
      unfiltered.rows
        .filter((row) => row.margin && new Decimal(row.margin.amount).lessThan(threshold))
        .map((row) => row.planKey),
    );
    await page.getByRole('textbox', { name: /Margin below/ }).fill(threshold);
    const lowMargin = await server['grid.query']({
      kinds: ['esim'],
      countries: ['HK'],
      stock: 'in_stock',
      marginBelow: threshold,
      language: 'en',
      limit: 1000,
    });
    expect(lowMargin.total).toBeGreaterThan(0);
    expect(lowMargin.total).toBeLessThan(expected.total);
    expect(lowMargin.total).toBe(below.size);
    for (const row of lowMargin.rows)
      expect(new Decimal(row.margin!.amount).lessThan(threshold), `${row.title}: margin ${row.margin!.amount}`).toBe(
        true,
      );
    await waitForCount(page, lowMargin.total);
    await waitForSettledRows(page);
    // Every row on screen is one whose margin is below the threshold.
    const shown = await renderedRows(page);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.length).toBeLessThanOrEqual(lowMargin.total);
    for (const row of shown)
      expect(below.has(row.planKey), `${row.title} shown with a margin not below ${threshold}`).toBe(true);

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await waitForCount(page, total);
    expect(await page.getByRole('textbox', { name: 'Countries (names or codes)' }).inputValue()).toBe('');
  }, 60_000);

  describe('after a second sync that moved prices', () => {
    let target: PlanRow;
    const panel = () => app.page.getByRole('complementary', { name: 'Plan details' });

    beforeAll(async () => {
      await app.preview.services.sync();
      const changed = await server['grid.query']({
        language: 'en',
        changedInLastSync: true,
        sort: { column: 'suppliers', direction: 'desc' },
        limit: 500,
      });
      // A row sold by several suppliers, at least one of whose prices moved: the chart then has a step to draw.
      const candidates = changed.rows.filter(
        (row) =>
          new Set(row.offers.map((o) => o.supplier)).size >= 2 &&
          row.changes.some((c) => c === 'price_up' || c === 'price_down'),
      );
      expect(candidates.length).toBeGreaterThan(0);
      // The one whose price moved most, so the chart's step is plain to see.
      let biggestMove = -1;
      for (const candidate of candidates.slice(0, 40)) {
        const detail = await server['grid.row'](candidate.id, 'en');
        for (const points of Object.values(detail?.priceHistory ?? {})) {
          if (points.length < 2) continue;
          const move = Math.abs(Number(points[points.length - 1].amount) / Number(points[0].amount) - 1);
          if (move > biggestMove) {
            biggestMove = move;
            target = candidate;
          }
        }
      }
      target ??= candidates[0];
    }, 60_000);

    async function openRow(planKey: string, title: string) {
      const { page } = app;
      await page.getByRole('searchbox', { name: 'Search plans' }).fill(title);
      const row = page.locator(rowSelector(planKey));
      await row.waitFor(WAIT);
      await clickTitle(row);
      await panel().locator('.offer-card').first().waitFor(WAIT);
    }

    it('opens the row: every offer with ids, costs, stock and titles in all languages, and a price chart', async () => {
      const { page } = app;
      await page.getByRole('checkbox', { name: 'Changed in last sync' }).check();
      await openRow(target.planKey, target.title);
      const detail = (await server['grid.row'](target.id, 'en'))!;
      expect(detail.planKey).toBe(target.planKey);

      await expect.poll(() => panel().locator('.offer-card').count(), POLL).toBe(detail.offers.length);
      const suppliers = await server['suppliers.list']();
      const kinds = await server['suppliers.kinds']();
      // A demo supplier has no name of the merchant's: the screen calls it "Demo <brand>".
      const shownName = (id: string) => {
        const supplier = suppliers.find((s) => s.id === id)!;
        if (!supplier.demo) return supplier.name;
        const brand = kinds.find((k) => k.kind === supplier.kind)!.label;
        return fillTemplate(common.en['demo.supplierName'], { brand });
      };
      for (const offer of detail.offers) {
        const card = panel().locator(offerCard(offer));
        const text = (await card.textContent()) ?? '';
        expect(text).toContain(offer.productId);
        expect(text).toContain(shownName(offer.supplier));
        for (const locale of Object.keys(offer.titles)) expect(text).toContain(locale);
      }
      // One line per charted offer, a legend entry per offer, dated x axis and amount y axis.
      const chart = panel().locator('.price-chart svg');
      await chart.waitFor(WAIT);
      const charted = detail.offers.filter(
        (o) =>
          o.converted && (detail.priceHistory[`${o.supplier}|${o.productId}|${o.skuId}|${o.variant}`] ?? []).length > 0,
      );
      expect(await chart.locator('.chart-series path').count()).toBe(charted.length);
      expect(await panel().locator('.chart-legend li').count()).toBe(detail.offers.length);
      expect(await chart.locator('.chart-grid text').count()).toBeGreaterThanOrEqual(4);
      const moved = Object.values(detail.priceHistory).some((points) => points.length >= 2);
      expect(moved).toBe(true);
      expect(await chart.locator('circle').count()).toBeGreaterThan(charted.length);

      // Each offer's own "Place test order", enabled exactly when the supplier's API can order it.
      const firstOffer = detail.offers[0];
      const testOrder = panel().locator(offerCard(firstOffer)).getByRole('button', { name: 'Place test order' });
      expect(await testOrder.isDisabled()).toBe(!firstOffer.orderable);
      expect(await panel().locator('.stock-history li').count()).toBeGreaterThan(0);
      // The panel keeps its plan while the table behind it goes back to every changed row.
      await page.getByRole('searchbox', { name: 'Search plans' }).fill('');
      await waitForCount(page, (await server['grid.query']({ changedInLastSync: true, limit: 1 })).total);
      await waitForSettledRows(page);
      expect(await panel().locator('h2').textContent()).toBe(detail.title);
      await app.screenshot('grid-detail');
    }, 60_000);

    it('locks the plan price by hand (below cost: the loss is flagged) and unlocks it again', async () => {
      const { page } = app;
      const lockedCount = () =>
        server['pricing.rules']().then(
          (rules) => rules.locks.filter((l) => l.target.type === 'plan' && l.target.planKey === target.planKey).length,
        );
      // Bring the row on screen, to see its lock in the table as well as in the panel.
      await page.getByRole('searchbox', { name: 'Search plans' }).fill(target.title);
      const row = page.locator(rowSelector(target.planKey));
      await row.waitFor(WAIT);
      await panel()
        .getByRole('textbox', { name: /Locked sale price/ })
        .fill('0.01');
      await panel().getByRole('button', { name: 'Lock price' }).click();
      // Below cost: nothing is locked until the merchant has seen what each sale loses and confirmed.
      const confirm = panel().getByRole('alertdialog', { name: 'This sells below cost' });
      await confirm.waitFor(WAIT);
      const cost = new Decimal(target.bestCost!.amount);
      expect(await confirm.textContent()).toContain(`Each sale would lose ${cost.minus('0.01').toFixed(2)} USD`);
      expect(await lockedCount()).toBe(0);
      await confirm.getByRole('button', { name: 'Lock anyway' }).click();
      await expect.poll(lockedCount, POLL).toBe(1);
      await expect.poll(() => confirm.count(), POLL).toBe(0);
      await expect.poll(() => panel().getByTestId('detail-sale').textContent(), POLL).toContain('0.01 USD');
      await expect.poll(() => row.locator('.lock-icon').count(), POLL).toBe(1);
      await expect.poll(() => row.locator('.margin-cell.loss .margin-flag').count(), POLL).toBe(1);
      expect(await row.locator('.margin-amount').textContent()).toMatch(/^!−\d/);
      await app.screenshot('grid-locked-loss');

      await panel().getByRole('button', { name: 'Unlock' }).click();
      await expect.poll(lockedCount, POLL).toBe(0);
      await expect.poll(() => panel().getByTestId('detail-sale').textContent(), POLL).not.toContain('0.01 USD');
      await expect.poll(() => row.locator('.margin-cell.loss').count(), POLL).toBe(0);
    }, 60_000);

    it('unlinks the best offer, moves it back with "Move to plan…", and resets the matching', async () => {
      const { page } = app;
      const offers = target.offers.length;
      // The best offer names the row: unlinking it renames the row too, the hardest case for keeping the panel on it.
      const moving =
        target.offers.find(
          (o) =>
            o.supplier === target.best?.supplier &&
            o.productId === target.best?.productId &&
            o.skuId === target.best?.skuId,
        ) ?? target.offers[0];
      const staying = target.offers.find((o) => o !== moving)!;
      const englishTitle = (offer: OfferRef & { titles: Record<string, string> }) =>
        offer.titles.en ?? offer.titles['en-US'] ?? Object.values(offer.titles)[0];
      const rowOf = async (planKey: string) => {
        const found = await server['grid.query']({ search: englishTitle(staying), language: 'en', limit: 200 });
        return found.rows.find((row) => row.planKey === planKey) ?? null;
      };

      await panel().locator(offerCard(moving)).getByRole('button', { name: 'Unlink' }).click();
      // The grid rebuilt and renumbered its rows; the panel follows its plan by key.
      await expect.poll(() => panel().locator('.offer-card').count(), POLL).toBe(offers - 1);
      expect(await panel().locator(offerCard(moving)).count()).toBe(0);

      // The offer now has a row of its own.
      const soloKey = soloKeyOf(moving);
      await page.getByRole('checkbox', { name: 'Changed in last sync' }).uncheck();
      await page.getByRole('searchbox', { name: 'Search plans' }).fill(englishTitle(moving));
      const solo = page.locator(rowSelector(soloKey));
      await solo.waitFor(WAIT);
      await clickTitle(solo);
      await expect.poll(() => panel().locator('.offer-card').count(), POLL).toBe(1);

      await panel().getByRole('button', { name: 'Move to plan…' }).click();
      await panel().getByRole('searchbox', { name: 'Find the target plan by title' }).fill(englishTitle(staying));
      const destination = panel().locator(`.move-results li[data-plan-key="${cssValue(target.planKey)}"]`);
      await destination.waitFor(WAIT);
      await destination.getByRole('button', { name: 'Move here' }).click();
      // The solo row is gone; the panel says so instead of showing stale data.
      await panel().getByText('no longer in the grid').waitFor(WAIT);
      await expect.poll(async () => (await rowOf(target.planKey))?.offers.length, POLL).toBe(offers);

      const links = () =>
        (
          app.preview.services.db
            .prepare(
              'SELECT COUNT(*) AS n FROM plan_links WHERE supplier_id = ? AND product_id = ? AND sku_id = ? AND variant = ?',
            )
            .get(moving.supplier, moving.productId, moving.skuId, moving.variant) as { n: number }
        ).n;
      expect(links()).toBe(1);
      await openRow(target.planKey, englishTitle(staying));
      await panel().locator(offerCard(moving)).getByRole('button', { name: 'Reset matching' }).click();
      await expect.poll(links, POLL).toBe(0);
      // The matcher puts it back where it matched in the first place.
      await expect.poll(async () => (await rowOf(target.planKey))?.offers.length, POLL).toBe(offers);
      await expect.poll(() => panel().locator('.offer-card').count(), POLL).toBe(offers);

      await panel().getByRole('button', { name: 'Close details' }).click();
      await page.getByRole('searchbox', { name: 'Search plans' }).fill('');
      await waitForCount(page, (await server['grid.query']({ limit: 1 })).total);
    }, 90_000);
  });

  it('says when no plan matches, and recovers from a failing query with "Try again"', async () => {
    const { page } = app;
    const search = page.getByRole('searchbox', { name: 'Search plans' });
    await search.fill('nothing-like-this');
    await page.getByText('No plans match these filters').waitFor(WAIT);

    let failing = true;
    await page.route('**/api/invoke', async (route) => {
      const body = route.request().postDataJSON() as { method: string };
      if (failing && body.method === 'grid.query')
        return route.fulfill({ json: { ok: false, error: { message: 'database is locked' } } });
      return route.continue();
    });
    await search.fill('Japan');
    await page.getByRole('alert').getByText('database is locked').first().waitFor(WAIT);
    failing = false;
    await page.getByRole('button', { name: 'Try again' }).click();
    await waitForCount(page, (await server['grid.query']({ search: 'Japan', limit: 1 })).total);
    await page.unroute('**/api/invoke');
    await search.fill('');
    await waitForCount(page, (await server['grid.query']({ limit: 1 })).total);
  }, 60_000);

  it('speaks 简体中文 when the language is zh-CN: labels, titles, counts', async () => {
    const { page } = app;
    await page.addInitScript(() => localStorage.setItem('supplygrid.language', 'zh-CN'));
    await page.reload();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: '价格表' }).waitFor(WAIT);
    await waitForSettledRows(page);
    const zhTotal = (await server['grid.query']({ language: 'zh-CN', limit: 1 })).total;
    await waitForCount(page, zhTotal, 'zh-CN');
    expect(await page.getByTestId('grid-currency').textContent()).toBe('币种 USD');
    expect(await page.getByRole('searchbox', { name: '搜索套餐' }).isVisible()).toBe(true);
    // Titles follow the UI language: the first page sorted by Chinese title carries Chinese text.
    const titles = (await renderedRows(page)).map((row) => row.title);
    expect(titles.some((title) => /[\u4e00-\u9fff]/.test(title))).toBe(true);
    expect(await cellsCutWithoutEllipsis(page)).toEqual([]);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await app.screenshot('grid-zh');
  }, 60_000);
});

describe('the Grid, dark theme', () => {
  let app: E2eApp;
  beforeAll(async () => {
    app = await launchApp({ colorScheme: 'dark', viewport: { width: 1400, height: 900 } });
    await app.preview.services.sync();
    await app.preview.services.sync();
  }, 90_000);
  afterAll(async () => {
    await app?.close();
  });

  it('renders the grid and the detail panel on dark surfaces', async () => {
    const { page } = app;
    await waitForSettledRows(page);
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    const background = await page.locator('.grid-table-frame').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(background).toBe('rgb(26, 30, 38)');
    expect(await cellsCutWithoutEllipsis(page)).toEqual([]);
    await app.screenshot('grid-dark');

    await page.getByRole('checkbox', { name: 'Changed in last sync' }).check();
    await waitForSettledRows(page);
    await page
      .locator('.grid-row:has(.change-badge.price_up), .grid-row:has(.change-badge.price_down)')
      .first()
      .click();
    await page.getByRole('complementary', { name: 'Plan details' }).locator('.price-chart svg').waitFor(WAIT);
    await app.screenshot('grid-dark-detail');
  }, 60_000);
});

describe('the Grid over 100,000 rows', () => {
  const TOTAL = 100_000;
  let app: E2eApp;
  const requestedOffsets: number[] = [];

  function syntheticRow(index: number): PlanRow {
    const countries = ['JP', 'HK', 'TH', 'KR', 'US', 'DE'];
    const country = countries[index % countries.length];
    const cents = 100 + (index % 900);
    const cost = { amount: `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`, currency: 'USD' };
    const offer = {
      supplier: 'demo-mesim',
      productId: `p${index}`,
      skuId: `s${index}`,
      variant: '',
      kind: 'esim' as const,
      titles: { en: `Synthetic ${country} plan #${index}` },
      cost,
      converted: cost,
      stock: { status: 'in_stock' as const, quantity: 10 },
      orderable: true,
      categoryId: null,
    };
    return {
      id: index + 1,
      planKey: `plan|synthetic|${index}`,
      kind: 'esim',
      title: offer.titles.en,
      attributes: {
        type: 'plan',
        countries: [country],
        dataMB: 1024 * (1 + (index % 10)),
        unlimited: false,
        perDay: false,
        days: 1 + (index % 30),
        confidence: 1,
      },
      offers: [offer],
      best: { supplier: offer.supplier, productId: offer.productId, skuId: offer.skuId, variant: '' },
      second: null,
      bestCost: cost,
      salePrice: { amount: '19.99', currency: 'USD' },
      margin: { amount: '1.00', currency: 'USD' },
      marginPercent: '5.0',
      ruleId: 'synthetic',
      locked: false,
      priceRefused: false,
      changes: [],
    };
  }

  beforeAll(async () => {
    app = await launchApp({ viewport: { width: 1400, height: 900 } });
    // The demo catalog has ~2k rows: the bridge answers grid.query with a synthetic 100k-row catalog instead.
    await app.page.route('**/api/invoke', async (route) => {
      const body = route.request().postDataJSON() as { method: string; args: unknown[] };
      if (body.method !== 'grid.query') return route.continue();
      const query = (body.args[0] ?? {}) as { offset?: number; limit?: number };
      const offset = query.offset ?? 0;
      requestedOffsets.push(offset);
      const rows = Array.from({ length: Math.max(0, Math.min(query.limit ?? 100, TOTAL - offset)) }, (_, i) =>
        syntheticRow(offset + i),
      );
      const result: GridPage = { rows, total: TOTAL, currency: 'USD', offset };
      await route.fulfill({ json: { ok: true, result } });
    });
    await app.page.reload();
  }, 60_000);
  afterAll(async () => {
    await app?.close();
  });

  it('sizes the scroll area from the total and fetches only the pages scrolled to', async () => {
    const { page } = app;
    await waitForSettledRows(page);
    await waitForCount(page, TOTAL);
    expect(requestedOffsets.length).toBeLessThanOrEqual(3);

    const scroller = page.locator('.grid-scroll');
    const height = await scroller.evaluate((el) => el.scrollHeight);
    expect(height).toBeGreaterThan(TOTAL * 30);

    // Jump to the middle: the page holding row 50,000 is fetched, not the 499 before it.
    await scroller.evaluate((el) => el.scrollTo({ top: 50_000 * 36 }));
    await page.locator('.grid-row[aria-rowindex="50003"]:not(.skeleton)').waitFor(WAIT);
    expect(await page.locator('.grid-row[aria-rowindex="50003"] .grid-title').textContent()).toBe(
      syntheticRow(50_000).title,
    );
    expect(requestedOffsets).toContain(50_000);
    const afterJump = requestedOffsets.length;
    expect(afterJump).toBeLessThanOrEqual(8);

    // A fling across 20,000 rows in 60 frames: the pages flown past are not fetched and the DOM stays a screenful.
    // (How long the frames take depends on the machine: a test never asserts on time.)
    await scroller.evaluate(async (el) => {
      for (let frame = 0; frame < 60; frame++) {
        el.scrollTop += 12_000;
        await new Promise((resolve) => requestAnimationFrame(resolve));
      }
    });
    await waitForSettledRows(page);
    // 60 frames crossed 200 pages; only where the fling rested is fetched (a few more when a busy machine stretches
    // a frame past the settle delay, never one request per frame).
    expect(requestedOffsets.length - afterJump).toBeLessThanOrEqual(15);
    expect(await page.locator('.grid-row').count()).toBeLessThan(80);
    // Every synthetic row sells at a 5% margin: each is flagged as thin.
    expect(await page.locator('.grid-row:not(.skeleton) .margin-cell.low .margin-flag').count()).toBeGreaterThan(10);
    await app.screenshot('grid-100k');
  }, 60_000);
});

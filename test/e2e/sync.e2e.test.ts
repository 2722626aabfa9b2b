import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import Decimal from 'decimal.js';
import { createHandlers } from '../../src-main/api/handlers';
import { listRuns } from '../../src-main/db/catalog-repo';
import { changesForRuns } from '../../src-main/db/changes-repo';
import type { StoredChange } from '../../src-shared/sync-types';
import type { Money } from '../../src-main/domain/money';
import type { FetchOptions, SupplierAdapter } from '../../src-main/suppliers/adapter';
import { wrapAdapters } from './adapter-wrappers';
import { launchApp, type E2eApp } from './harness';

const WAIT = { timeout: 15_000 };
const SYNC_WAIT = { timeout: 60_000 };
/** A plan key inside a CSS attribute selector: solo keys carry \u0001 separators, which CSS must escape. */
const cssValue = (value: string) =>
  value.replace(/["\\]/g, '\\$&').replace(/[\u0000-\u001f]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `);
/** How many changes the diff shows before "show more" (and asks main for at a time). */
const CHANGES_PAGE = 200;

async function open(page: Page, screen: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: screen, exact: true }).click();
  await page.locator('main.screen').evaluate((main) => main.scrollTo(0, 0));
}

/** Until main has started `newRuns` runs and finished them all, and the screen no longer shows one running. */
async function waitForSync(app: E2eApp, runsBefore: number, newRuns: number): Promise<void> {
  await expect.poll(() => listRuns(app.preview.services.db, 1000).length, SYNC_WAIT).toBe(runsBefore + newRuns);
  await expect.poll(() => app.preview.services.syncState().running, SYNC_WAIT).toBe(false);
  await app.page
    .locator('.sync-screen .sync-header-actions')
    .getByRole('button', { name: 'Sync all' })
    .waitFor(SYNC_WAIT);
  await app.page.waitForFunction(
    () => !document.querySelector('.sync-screen .progress-row.active'),
    undefined,
    SYNC_WAIT,
  );
}

/**
 * The demo upstreams answer a whole catalog in about a second: too fast to watch a bar move or to press
 * Cancel in time. Every kind's adapter (created in this process, where the services run) is wrapped once, before
 * the app starts, so that while `slowUpstreams(ms)` is in force each catalog page arrives that much later, like a
 * slow real supplier. Installed before any adapter exists, it holds whether the services create an adapter per sync
 * or keep one per connection. Returns the undo.
 */
let pageDelayMs = 0;

function slowUpstreams(delayMs: number): () => void {
  pageDelayMs = delayMs;
  return () => {
    pageDelayMs = 0;
  };
}

async function* delayedPages(adapter: SupplierAdapter, options?: FetchOptions) {
  for await (const page of adapter.fetchCatalog(options)) {
    // A cancel ends the wait at once, as it would end a real request.
    if (pageDelayMs > 0) await sleep(pageDelayMs, undefined, { signal: options?.signal });
    yield page;
  }
}

const runCount = (app: E2eApp) => listRuns(app.preview.services.db, 1000).length;

/** The API calls the page made over the bridge since `from`, of one method, with their arguments. */
function callsOf(app: E2eApp, method: string, from = 0): unknown[][] {
  return app.traffic.slice(from).flatMap((text) => {
    try {
      const call = JSON.parse(text) as { method?: string; args?: unknown[] };
      return call.method === method ? [call.args ?? []] : [];
    } catch {
      return [];
    }
  });
}

/** The amounts shown on a change row ("73.10 CNY → 77.7584 CNY"), read back as exact decimals with currencies. */
function shownAmounts(text: string): Money[] {
  return [...text.matchAll(/(−?[\d,]+(?:\.\d+)?) ([A-Z]{3})/g)].map((m) => ({
    amount: m[1].replace(/,/g, '').replace('−', '-'),
    currency: m[2],
  }));
}

describe('Sync: live progress, history and diffs', () => {
  let app: E2eApp;
  let supplierCount: number;
  let unwrapUpstreams: () => void = () => undefined;
  beforeAll(async () => {
    unwrapUpstreams = wrapAdapters((adapter) => ({
      fetchCatalog: (options?: FetchOptions) => delayedPages(adapter, options),
    }));
    app = await launchApp({ viewport: { width: 1280, height: 800 } });
    supplierCount = app.preview.services.activeConnections().length;
  }, 60_000);
  afterAll(async () => {
    unwrapUpstreams();
    await app?.close();
  });

  it('shows every supplier with an empty history before the first sync', async () => {
    const { page } = app;
    await open(page, 'Sync');
    await page.locator('.progress-row').first().waitFor(WAIT);
    expect(await page.locator('.progress-row').count()).toBe(supplierCount);
    await page.getByText('No sync has run yet').waitFor(WAIT);
  }, 30_000);

  it('syncs all with a live bar per supplier, then lists every run in the history', async () => {
    const { page } = app;
    const restore = slowUpstreams(40);
    try {
      await page.getByRole('button', { name: 'Sync all' }).click();
      // Caught mid-way: some bar has moved but not finished.
      await page.waitForFunction(
        () =>
          [...document.querySelectorAll('.progress-row.active [role=progressbar]')].some(
            (bar) => Number(bar.getAttribute('aria-valuenow')) >= 20 && Number(bar.getAttribute('aria-valuenow')) < 100,
          ),
        undefined,
        WAIT,
      );
      await app.screenshot('sync-running');
      expect(await page.getByRole('button', { name: 'Cancel sync' }).count()).toBe(1);
      expect(await page.getByRole('button', { name: 'Syncing…' }).isDisabled()).toBe(true);
      await waitForSync(app, 0, supplierCount);
    } finally {
      restore();
    }

    const runs = page.locator('.run-item');
    // Every run of the history finished too, none left showing "Syncing" once the sync is over.
    await page.waitForFunction(
      (n) =>
        document.querySelectorAll('.run-item').length === n &&
        document.querySelectorAll('.run-item .status-badge.ok').length === n,
      supplierCount,
      WAIT,
    );
    expect(await runs.count()).toBe(supplierCount);
    expect(await page.locator('.progress-row .status-badge.ok').count()).toBe(supplierCount);
    // Finished bars are full, and each row says what its sync did.
    for (const bar of await page.locator('.progress-row [role=progressbar]').all())
      expect(await bar.getAttribute('aria-valuenow')).toBe('100');
    const stored = listRuns(app.preview.services.db, 50);
    expect(stored.every((run) => run.status === 'ok')).toBe(true);
    const first = stored.find((run) => run.supplierId === 'demo-dujiao')!;
    await page.locator(`.progress-row[data-supplier=demo-dujiao]`).getByText(`+${first.added}`).waitFor(WAIT);
    await page.locator('.sync-split').scrollIntoViewIfNeeded();
    await app.screenshot('sync-history');
  }, 90_000);

  it('a second sync brings real changes, and the diff lists them filterable by kind', async () => {
    const { page } = app;
    await page.locator('main.screen').evaluate((main) => main.scrollTo(0, 0));
    await page.getByRole('button', { name: 'Sync all' }).click();
    await waitForSync(app, supplierCount, supplierCount);
    await page.waitForFunction((n) => document.querySelectorAll('.run-item').length === n, supplierCount * 2, WAIT);

    const latest = listRuns(app.preview.services.db, 50).find((run) => run.supplierId === 'demo-dujiao')!;
    const stored = changesForRuns(app.preview.services.db, [latest.id]);
    expect(latest.added + latest.removed + latest.changed).toBeGreaterThan(0);

    await page.locator(`.run-item[data-run="${latest.id}"]`).click();
    const list = page.locator('.change-list');
    await list.waitFor(WAIT);
    expect(stored.length).toBeLessThanOrEqual(CHANGES_PAGE);
    expect(await page.locator('.diff-filters button', { hasText: 'All' }).locator('.chip-count').textContent()).toBe(
      String(stored.length),
    );
    expect(await list.locator('.change-row').count()).toBe(stored.length);
    expect(await page.locator('.diff-more').count()).toBe(0);

    const priceUps = stored.filter((change) => change.change === 'price_up');
    expect(priceUps.length).toBeGreaterThan(0);
    await page
      .locator('.diff-filters')
      .getByRole('button', { name: /^Price up/ })
      .click();
    await page.waitForFunction(
      (n) => document.querySelectorAll('.change-list .change-row').length === n,
      priceUps.length,
      WAIT,
    );
    expect(await list.locator('.change-row:not(.price_up)').count()).toBe(0);
    // Old → new costs, exactly as the supplier stated them: the stored amounts, not a rounding of them.
    for (const [index, change] of priceUps.entries()) {
      const values = (await list.locator('.change-row').nth(index).locator('.change-values').textContent()) ?? '';
      expect(values).toContain('→');
      const [before, after, ...rest] = shownAmounts(values);
      expect(rest, values).toEqual([]);
      for (const [shown, stated] of [
        [before, change.old],
        [after, change.new],
      ] as Array<[Money, Money]>) {
        expect(shown.currency, values).toBe(stated.currency);
        expect(
          new Decimal(shown.amount).equals(stated.amount),
          `${values} vs ${stated.amount} ${stated.currency}`,
        ).toBe(true);
      }
      expect(new Decimal((change.new as Money).amount).greaterThan((change.old as Money).amount)).toBe(true);
    }

    await page.locator('.sync-split').scrollIntoViewIfNeeded();
    await app.screenshot('sync-diff');

    await page.locator('.diff-filters').getByRole('button', { name: /^All/ }).click();
    await page.waitForFunction(
      (n) => document.querySelectorAll('.change-list .change-row').length === n,
      stored.length,
      WAIT,
    );
  }, 120_000);

  it('opens the Grid from a change: searched for its title, other filters cleared, in one query', async () => {
    const { page } = app;
    const server = createHandlers(app.preview.services);
    const latest = listRuns(app.preview.services.db, 50).find((run) => run.supplierId === 'demo-dujiao')!;
    // A price change: its offer is still in the catalog (a removed one would have no row to find).
    const change: StoredChange = changesForRuns(app.preview.services.db, [latest.id]).find(
      (c) => c.change === 'price_up',
    )!;
    const { title } = (await server['sync.changes'](latest.id, { kind: 'price_up', limit: 1 })).rows[0];
    // The offer's row in the Grid, by the same search, as the server answers it.
    const expected = await server['grid.query']({ search: title, language: 'en', limit: 1000 });
    const row = expected.rows.find((r) =>
      r.offers.some(
        (o) =>
          o.supplier === change.supplierId &&
          o.productId === change.productId &&
          o.skuId === change.skuId &&
          o.variant === change.variant,
      ),
    );
    expect(row, `a Grid row holding ${change.supplierId} ${change.key}`).toBeDefined();

    // A leftover filter that would hide the row.
    await open(page, 'Grid');
    await page.getByRole('combobox', { name: 'Stock' }).selectOption('out');
    await expect.poll(() => page.getByRole('button', { name: 'Clear filters' }).count(), WAIT).toBe(1);
    await open(page, 'Sync');
    await page.locator('.change-list').waitFor(WAIT);
    const trafficBefore = app.traffic.length;
    const button = page.locator('.change-list .change-row.price_up .change-title').first();
    expect(await button.textContent()).toBe(title);
    await button.click();

    await page
      .getByRole('navigation', { name: 'Main' })
      .locator('[aria-current=page]', { hasText: 'Grid' })
      .waitFor(WAIT);
    expect(await page.getByRole('searchbox', { name: 'Search plans' }).inputValue()).toBe(title);
    expect(await page.getByRole('combobox', { name: 'Stock' }).inputValue()).toBe('all');
    const line = page.locator(`.grid-row[data-plan-key="${cssValue(row!.planKey)}"]`);
    await line.waitFor(WAIT);
    await expect
      .poll(() => page.getByTestId('grid-count').textContent(), WAIT)
      .toBe(expected.total === 1 ? '1 plan' : `${expected.total.toLocaleString('en')} plans`);
    // Every query the Grid made for it already searched the title: no wasted query with the filters only cleared.
    const queries = callsOf(app, 'grid.query', trafficBefore) as Array<[{ search?: string; stock?: string }]>;
    expect(queries.length).toBeGreaterThan(0);
    expect(queries.map(([query]) => [query.search, query.stock])).toEqual(queries.map(() => [title, undefined]));

    // Back on Sync the diff is as it was, without asking main again (the language did not change).
    const trafficBack = app.traffic.length;
    await open(page, 'Sync');
    await page.locator('.change-list').waitFor(WAIT);
    expect(callsOf(app, 'sync.changes', trafficBack)).toEqual([]);
  }, 30_000);

  it('pages a large diff: the counts of the whole run, the rows a page at a time', async () => {
    const { page } = app;
    // The first sync of demo-dujiao added its whole catalog: more changes than one page.
    const first = listRuns(app.preview.services.db, 1000)
      .filter((run) => run.supplierId === 'demo-dujiao')
      .at(-1)!;
    const stored = changesForRuns(app.preview.services.db, [first.id]);
    expect(stored.length).toBe(first.added);
    expect(stored.length).toBeGreaterThan(CHANGES_PAGE);
    const trafficBefore = app.traffic.length;
    await page.locator(`.run-item[data-run="${first.id}"]`).click();
    const list = page.locator('.change-list');
    await page.waitForFunction(
      (n) => document.querySelectorAll('.change-list .change-row').length === n,
      CHANGES_PAGE,
      WAIT,
    );
    expect(await page.locator('.diff-filters button', { hasText: 'All' }).locator('.chip-count').textContent()).toBe(
      stored.length.toLocaleString('en'),
    );
    expect(
      await page
        .locator('.diff-filters')
        .getByRole('button', { name: /^Added/ })
        .locator('.chip-count')
        .textContent(),
    ).toBe(stored.length.toLocaleString('en'));
    expect(
      await page
        .locator('.diff-filters')
        .getByRole('button', { name: /^Removed/ })
        .isDisabled(),
    ).toBe(true);
    // Only a page crossed the bridge.
    expect(callsOf(app, 'sync.changes', trafficBefore)).toEqual([
      [first.id, { language: 'en', offset: 0, limit: CHANGES_PAGE }],
    ]);

    const more = page.locator('.diff-more');
    expect(await more.textContent()).toBe(
      `Showing ${CHANGES_PAGE} of ${stored.length.toLocaleString('en')} — show more`,
    );
    await more.scrollIntoViewIfNeeded();
    await app.screenshot('sync-diff-more');
    await more.click();
    await page.waitForFunction(
      (n) => document.querySelectorAll('.change-list .change-row').length === n,
      stored.length,
      WAIT,
    );
    expect(await more.count()).toBe(0);
    expect(callsOf(app, 'sync.changes', trafficBefore).at(-1)).toEqual([
      first.id,
      { language: 'en', offset: CHANGES_PAGE, limit: CHANGES_PAGE },
    ]);
    // In the order they were logged, each once.
    const titles = await list.locator('.change-title').allTextContents();
    expect(titles).toHaveLength(stored.length);
    const server = createHandlers(app.preview.services);
    const all = [
      ...(await server['sync.changes'](first.id, { limit: CHANGES_PAGE })).rows,
      ...(await server['sync.changes'](first.id, { offset: CHANGES_PAGE, limit: CHANGES_PAGE })).rows,
    ];
    expect(all.map((c) => c.key)).toEqual(stored.map((c) => c.key));
    expect(titles).toEqual(all.map((c) => c.title));
  }, 60_000);

  it('syncs one supplier on its own and can cancel a running sync', async () => {
    const { page } = app;
    const before = runCount(app);
    await page
      .locator('.progress-row[data-supplier=demo-mesim]')
      .getByRole('button', { name: 'Sync', exact: true })
      .click();
    await waitForSync(app, before, 1);
    await page.waitForFunction((n) => document.querySelectorAll('.run-item').length === n, before + 1, WAIT);
    expect(listRuns(app.preview.services.db, 1)[0].supplierId).toBe('demo-mesim');

    // Slow enough that no supplier (MeSIM's demo catalog is a single page) can finish before Cancel is pressed.
    const restore = slowUpstreams(10_000);
    try {
      await page.getByRole('button', { name: 'Sync all' }).click();
      await page.locator('.progress-row.active').first().waitFor(WAIT);
      await page.getByRole('button', { name: 'Cancel sync' }).click(WAIT);
      await waitForSync(app, before + 1, supplierCount);
    } finally {
      restore();
    }
    const batch = listRuns(app.preview.services.db, supplierCount);
    expect(batch.map((run) => run.status)).toEqual(batch.map(() => 'canceled'));
    expect(await page.locator('.progress-row .status-badge', { hasText: 'Canceled' }).count()).toBe(supplierCount);
    await page
      .locator(`.run-item[data-run="${batch[0].id}"]`)
      .getByText('Canceled — the previous catalog was kept.')
      .waitFor(WAIT);
  }, 120_000);

  it('turns the schedule on and off (off by default)', async () => {
    const { page } = app;
    const toggle = page.locator('.sync-screen .sync-schedule').getByLabel('Sync automatically');
    expect(await toggle.isChecked()).toBe(false);
    expect(app.preview.services.settings().syncIntervalMinutes).toBe(0);
    await toggle.check();
    await page.waitForFunction(
      () => document.querySelector('.sync-screen .schedule-state')?.textContent?.includes('60 minutes'),
      undefined,
      WAIT,
    );
    expect(app.preview.services.settings().syncIntervalMinutes).toBe(60);
    const minutes = page.locator('.sync-screen .schedule-minutes input');
    await minutes.fill('15');
    await minutes.press('Enter');
    await page.waitForFunction(
      () => document.querySelector('.sync-screen .schedule-state')?.textContent?.includes('15 minutes'),
      undefined,
      WAIT,
    );
    expect(app.preview.services.settings().syncIntervalMinutes).toBe(15);
    await toggle.uncheck();
    await page.getByText('Automatic sync is off.').waitFor(WAIT);
    expect(app.preview.services.settings().syncIntervalMinutes).toBe(0);
  }, 30_000);
});

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { changesForRuns, listRuns } from '../../src-main/db/catalog-repo';
import type { FetchOptions, SupplierAdapter } from '../../src-main/suppliers/adapter';
import { SUPPLIER_KINDS } from '../../src-main/suppliers/registry';
import { launchApp, type E2eApp } from './harness';

const WAIT = { timeout: 15_000 };
const SYNC_WAIT = { timeout: 60_000 };

async function open(page: Page, screen: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: screen, exact: true }).click();
  await page.locator('main.screen').evaluate((main) => main.scrollTo(0, 0));
}

/** Until main has started `newRuns` runs and finished them all, and the screen no longer shows one running. */
async function waitForSync(app: E2eApp, runsBefore: number, newRuns: number): Promise<void> {
  await expect.poll(() => listRuns(app.preview.services.db, 1000).length, SYNC_WAIT).toBe(runsBefore + newRuns);
  await expect.poll(() => app.preview.services.syncState().running, SYNC_WAIT).toBe(false);
  await app.page.locator('.sync-screen .sync-header-actions').getByRole('button', { name: 'Sync all' }).waitFor(SYNC_WAIT);
  await app.page.waitForFunction(() => !document.querySelector('.sync-screen .progress-row.active'), undefined, SYNC_WAIT);
}

/**
 * The demo upstreams answer a whole catalog in about a second: too fast to watch a bar move or to press
 * Cancel in time. This wraps every kind's adapter (in this process, where the services run) so each catalog
 * page arrives `delayMs` later, like a slow real supplier. Returns the undo.
 */
function slowUpstreams(delayMs: number): () => void {
  const undo = SUPPLIER_KINDS.map((kind) => {
    const create = kind.create;
    kind.create = (config, env) => {
      const adapter = create.call(kind, config, env);
      return new Proxy(adapter, {
        get(target, key) {
          if (key === 'fetchCatalog') return (options?: FetchOptions) => delayedPages(target, delayMs, options);
          const value = Reflect.get(target, key) as unknown;
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    };
    return () => {
      kind.create = create;
    };
  });
  return () => undo.forEach((restore) => restore());
}

async function* delayedPages(adapter: SupplierAdapter, delayMs: number, options?: FetchOptions) {
  for await (const page of adapter.fetchCatalog(options)) {
    await sleep(delayMs);
    yield page;
  }
}

const runCount = (app: E2eApp) => listRuns(app.preview.services.db, 1000).length;

describe('Sync: live progress, history and diffs', () => {
  let app: E2eApp;
  let supplierCount: number;
  beforeAll(async () => {
    app = await launchApp({ viewport: { width: 1280, height: 800 } });
    supplierCount = app.preview.services.activeConnections().length;
  }, 60_000);
  afterAll(async () => {
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
      await page.waitForFunction(() => [...document.querySelectorAll('.progress-row.active [role=progressbar]')]
        .some((bar) => Number(bar.getAttribute('aria-valuenow')) >= 20 && Number(bar.getAttribute('aria-valuenow')) < 100), undefined, WAIT);
      await app.screenshot('sync-running');
      expect(await page.getByRole('button', { name: 'Cancel sync' }).count()).toBe(1);
      expect(await page.getByRole('button', { name: 'Syncing…' }).isDisabled()).toBe(true);
      await waitForSync(app, 0, supplierCount);
    } finally {
      restore();
    }

    const runs = page.locator('.run-item');
    await page.waitForFunction((n) => document.querySelectorAll('.run-item').length === n, supplierCount, WAIT);
    expect(await runs.count()).toBe(supplierCount);
    expect(await page.locator('.progress-row .status-badge.ok').count()).toBe(supplierCount);
    // Finished bars are full, and each row says what its sync did.
    for (const bar of await page.locator('.progress-row [role=progressbar]').all()) expect(await bar.getAttribute('aria-valuenow')).toBe('100');
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
    expect(await page.locator('.diff-filters button', { hasText: 'All' }).locator('.chip-count').textContent()).toBe(String(stored.length));
    expect(await list.locator('.change-row').count()).toBe(stored.length);

    const priceUps = stored.filter((change) => change.change === 'price_up');
    expect(priceUps.length).toBeGreaterThan(0);
    await page.locator('.diff-filters').getByRole('button', { name: /^Price up/ }).click();
    await page.waitForFunction((n) => document.querySelectorAll('.change-list .change-row').length === n, priceUps.length, WAIT);
    expect(await list.locator('.change-row:not(.price_up)').count()).toBe(0);
    // Old → new costs, exactly as the supplier stated them.
    const firstUp = priceUps[0].new as { amount: string; currency: string };
    const values = await list.locator('.change-row').first().locator('.change-values').textContent();
    expect(values).toContain('→');
    expect(values).toContain(firstUp.currency);

    await page.locator('.sync-split').scrollIntoViewIfNeeded();
    await app.screenshot('sync-diff');

    await page.locator('.diff-filters').getByRole('button', { name: /^All/ }).click();
    await page.waitForFunction((n) => document.querySelectorAll('.change-list .change-row').length === n, stored.length, WAIT);
  }, 120_000);

  it('opens the Grid from a change', async () => {
    const { page } = app;
    await page.locator('.change-list .change-title').first().click();
    await page.getByRole('navigation', { name: 'Main' }).locator('[aria-current=page]', { hasText: 'Grid' }).waitFor(WAIT);
    await open(page, 'Sync');
    await page.locator('.change-list').waitFor(WAIT);
  }, 30_000);

  it('syncs one supplier on its own and can cancel a running sync', async () => {
    const { page } = app;
    const before = runCount(app);
    await page.locator('.progress-row[data-supplier=demo-mesim]').getByRole('button', { name: 'Sync', exact: true }).click();
    await waitForSync(app, before, 1);
    await page.waitForFunction((n) => document.querySelectorAll('.run-item').length === n, before + 1, WAIT);
    expect(listRuns(app.preview.services.db, 1)[0].supplierId).toBe('demo-mesim');

    const restore = slowUpstreams(200);
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
    await page.locator(`.run-item[data-run="${batch[0].id}"]`).getByText('Canceled — the previous catalog was kept.').waitFor(WAIT);
  }, 120_000);

  it('turns the schedule on and off (off by default)', async () => {
    const { page } = app;
    const toggle = page.locator('.sync-screen .sync-schedule').getByLabel('Sync automatically');
    expect(await toggle.isChecked()).toBe(false);
    expect(app.preview.services.settings().syncIntervalMinutes).toBe(0);
    await toggle.check();
    await page.waitForFunction(() => document.querySelector('.sync-screen .schedule-state')?.textContent?.includes('60 minutes'), undefined, WAIT);
    expect(app.preview.services.settings().syncIntervalMinutes).toBe(60);
    const minutes = page.locator('.sync-screen .schedule-minutes input');
    await minutes.fill('15');
    await minutes.press('Enter');
    await page.waitForFunction(() => document.querySelector('.sync-screen .schedule-state')?.textContent?.includes('15 minutes'), undefined, WAIT);
    expect(app.preview.services.settings().syncIntervalMinutes).toBe(15);
    await toggle.uncheck();
    await page.getByText('Automatic sync is off.').waitFor(WAIT);
    expect(app.preview.services.settings().syncIntervalMinutes).toBe(0);
  }, 30_000);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listLiveOffers, listRuns } from '../../src-main/db/catalog-repo';
import type { CatalogPage, FetchOptions, SupplierAdapter } from '../../src-main/suppliers/adapter';
import { openScreen, waitForRuns, wrapAdapters } from './adapter-wrappers';
import { launchApp, type E2eApp } from './harness';

const WAIT = { timeout: 15_000 };
const EMPTIED_SUPPLIER = 'demo-dujiao';

/** While set, the demo Dujiao-Next supplier answers its listing with nothing at all (`total: 0`). */
let emptyListing = false;

async function* maybeEmpty(adapter: SupplierAdapter, options?: FetchOptions): AsyncGenerator<CatalogPage> {
  if (emptyListing) {
    yield { offers: [], skipped: [], scope: 'full' };
    return;
  }
  yield* adapter.fetchCatalog(options);
}

describe('Sync: a listing that would empty a supplier is held for review, then applied', () => {
  let app: E2eApp;
  let suppliers: number;
  let unwrap: () => void = () => undefined;
  beforeAll(async () => {
    unwrap = wrapAdapters((adapter, connection) =>
      connection.id === EMPTIED_SUPPLIER
        ? { fetchCatalog: (options?: FetchOptions) => maybeEmpty(adapter, options) }
        : null,
    );
    app = await launchApp({ viewport: { width: 1280, height: 900 } });
    suppliers = app.preview.services.activeConnections().length;
  }, 60_000);
  afterAll(async () => {
    unwrap();
    await app?.close();
  });

  it('shows the held run with its reason (English and Chinese); Apply removes the offers and clears it', async () => {
    const { page } = app;
    const db = app.preview.services.db;
    await openScreen(page, 'Sync');
    await page.locator('.progress-row').first().waitFor(WAIT);
    await page.getByRole('button', { name: 'Sync all' }).click();
    await waitForRuns(app, suppliers);
    const live = listLiveOffers(db, EMPTIED_SUPPLIER).length;
    expect(live).toBeGreaterThan(0);
    expect(await page.getByTestId('held-runs').count()).toBe(0);

    emptyListing = true;
    await page.getByRole('button', { name: 'Full sync' }).click();
    await waitForRuns(app, suppliers * 2);
    const held = listRuns(db, 50).find((run) => run.supplierId === EMPTIED_SUPPLIER)!;
    expect(held.status).toBe('held');
    expect(listLiveOffers(db, EMPTIED_SUPPLIER)).toHaveLength(live);

    const section = page.getByTestId('held-runs');
    const item = section.locator(`.held-run[data-run="${held.id}"]`);
    await item.getByText(new RegExp(`^Would remove all ${live} offers of .+\\.$`)).waitFor(WAIT);
    await app.screenshot('sync-held');

    // The threshold beside the held list: a whole percent, refused out of bounds, saved in bounds.
    const threshold = section.getByLabel('Hold a sync for review when it would remove more than');
    expect(await threshold.inputValue()).toBe('30');
    await threshold.fill('0');
    await threshold.press('Enter');
    await section.getByText('Enter a whole percent from 1 to 100.').waitFor(WAIT);
    await threshold.fill('45');
    await threshold.press('Enter');
    await expect.poll(() => app.preview.services.settings().syncHoldRemovalPercent, WAIT).toBe(45);
    expect(await section.getByText('Enter a whole percent from 1 to 100.').count()).toBe(0);
    app.preview.services.updateSettings({ syncHoldRemovalPercent: 30 });

    await openScreen(page, 'Settings');
    await page.getByRole('radio', { name: '简体中文' }).click();
    await openScreen(page, '同步');
    await item.getByText(new RegExp(`^将删除 .+ 的全部 ${live} 个商品。$`)).waitFor(WAIT);
    await openScreen(page, '设置');
    await page.getByRole('radio', { name: 'English' }).click();
    await openScreen(page, 'Sync');

    page.once('dialog', (dialog) => void dialog.accept());
    await item.getByRole('button', { name: 'Apply' }).click();
    await section.waitFor({ state: 'detached', ...WAIT });
    expect(listLiveOffers(db, EMPTIED_SUPPLIER)).toHaveLength(0);
    expect(listRuns(db, 50).find((run) => run.id === held.id)).toMatchObject({
      status: 'ok',
      removed: live,
      held: { code: 'removes_all' },
    });
    await page.locator(`.run-item[data-run="${held.id}"]`).getByText('OK', { exact: true }).waitFor(WAIT);
  }, 150_000);
});

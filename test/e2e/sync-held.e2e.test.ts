import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listLiveOffers, listRuns } from '../../src-main/db/catalog-repo';
import type { CatalogPage, FetchOptions, SupplierAdapter } from '../../src-main/suppliers/adapter';
import { SUPPLIER_KINDS } from '../../src-main/suppliers/registry';
import { launchApp, type E2eApp } from './harness';

const WAIT = { timeout: 15_000 };
const SYNC_WAIT = { timeout: 60_000 };
const EMPTIED_SUPPLIER = 'demo-dujiao';

async function open(page: Page, screen: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: screen, exact: true }).click();
  await page.locator('main.screen').evaluate((main) => main.scrollTo(0, 0));
}

/** While set, the demo Dujiao-Next supplier answers its listing with nothing at all (`total: 0`). */
let emptyListing = false;

async function* maybeEmpty(adapter: SupplierAdapter, options?: FetchOptions): AsyncGenerator<CatalogPage> {
  if (emptyListing) {
    yield { offers: [], skipped: [], scope: 'full' };
    return;
  }
  yield* adapter.fetchCatalog(options);
}

function wrapUpstreams(): () => void {
  const undo = SUPPLIER_KINDS.map((kind) => {
    const create = kind.create;
    kind.create = (config, env) => {
      const adapter = create.call(kind, config, env);
      if (config.id !== EMPTIED_SUPPLIER) return adapter;
      return new Proxy(adapter, {
        get(target, key) {
          if (key === 'fetchCatalog') return (options?: FetchOptions) => maybeEmpty(target, options);
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

async function waitForSync(app: E2eApp, runs: number): Promise<void> {
  await expect.poll(() => listRuns(app.preview.services.db, 1000).length, SYNC_WAIT).toBe(runs);
  await expect.poll(() => app.preview.services.syncState().running, SYNC_WAIT).toBe(false);
  await app.page.waitForFunction(() => !document.querySelector('.sync-screen .progress-row.active'), undefined, SYNC_WAIT);
}

describe('Sync: a listing that would empty a supplier is held for review, then applied', () => {
  let app: E2eApp;
  let suppliers: number;
  let unwrap: () => void = () => undefined;
  beforeAll(async () => {
    unwrap = wrapUpstreams();
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
    await open(page, 'Sync');
    await page.locator('.progress-row').first().waitFor(WAIT);
    await page.getByRole('button', { name: 'Sync all' }).click();
    await waitForSync(app, suppliers);
    const live = listLiveOffers(db, EMPTIED_SUPPLIER).length;
    expect(live).toBeGreaterThan(0);
    expect(await page.getByTestId('held-runs').count()).toBe(0);

    emptyListing = true;
    await page.getByRole('button', { name: 'Full sync' }).click();
    await waitForSync(app, suppliers * 2);
    const held = listRuns(db, 50).find((run) => run.supplierId === EMPTIED_SUPPLIER)!;
    expect(held.status).toBe('held');
    expect(listLiveOffers(db, EMPTIED_SUPPLIER)).toHaveLength(live);

    const section = page.getByTestId('held-runs');
    const item = section.locator(`.held-run[data-run="${held.id}"]`);
    await item.getByText(new RegExp(`^Would remove all ${live} offers of .+\\.$`)).waitFor(WAIT);
    await app.screenshot('sync-held');

    await open(page, 'Settings');
    await page.getByRole('radio', { name: '简体中文' }).click();
    await open(page, '同步');
    await item.getByText(new RegExp(`^将删除 .+ 的全部 ${live} 个商品。$`)).waitFor(WAIT);
    await open(page, '设置');
    await page.getByRole('radio', { name: 'English' }).click();
    await open(page, 'Sync');

    page.once('dialog', (dialog) => void dialog.accept());
    await item.getByRole('button', { name: 'Apply' }).click();
    await section.waitFor({ state: 'detached', ...WAIT });
    expect(listLiveOffers(db, EMPTIED_SUPPLIER)).toHaveLength(0);
    expect(listRuns(db, 50).find((run) => run.id === held.id)).toMatchObject({ status: 'ok', removed: live, held: { code: 'removes_all' } });
    await page.locator(`.run-item[data-run="${held.id}"]`).getByText('OK').waitFor(WAIT);
  }, 150_000);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listRuns } from '../../src-main/db/catalog-repo';
import type { CatalogPage, FetchOptions, SupplierAdapter } from '../../src-main/suppliers/adapter';
import { FakeBudget } from '../helpers/fake-catalog';
import { openScreen, waitForRuns, wrapAdapters } from './adapter-wrappers';
import { launchApp, type E2eApp } from './harness';

const WAIT = { timeout: 15_000 };
const WAITING_SUPPLIER = 'demo-dujiao';

/**
 * While `hold` is set, the demo Dujiao-Next supplier's budget announces a wait for its request limit before its first
 * page, and holds that page until the test releases it: a request limit the test controls instead of a real 30 s block.
 */
const budget = new FakeBudget();
let hold: { resumesAt: number; released: Promise<void>; release: () => void } | null = null;

function holdNextSync(seconds: number): () => void {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  hold = { resumesAt: Date.now() + seconds * 1000, released, release };
  return () => {
    hold = null;
    release();
  };
}

async function* heldPages(adapter: SupplierAdapter, options?: FetchOptions): AsyncGenerator<CatalogPage> {
  let first = true;
  for await (const page of adapter.fetchCatalog(options)) {
    if (first && hold) {
      budget.announce(hold.resumesAt);
      await hold.released;
      budget.announce(null);
    }
    first = false;
    yield page;
  }
}

/** The API calls the page made over the bridge, of one method, with their arguments. */
function callsOf(app: E2eApp, method: string): unknown[][] {
  return app.traffic.flatMap((text) => {
    try {
      const call = JSON.parse(text) as { method?: string; args?: unknown[] };
      return call.method === method ? [call.args ?? []] : [];
    } catch {
      return [];
    }
  });
}

describe('Sync: full sync on demand, waiting for a request limit, and what each run cost', () => {
  let app: E2eApp;
  let suppliers: number;
  let unwrap: () => void = () => undefined;
  beforeAll(async () => {
    unwrap = wrapAdapters((adapter, connection) =>
      connection.id === WAITING_SUPPLIER
        ? { fetchCatalog: (options?: FetchOptions) => heldPages(adapter, options), budget }
        : null,
    );
    app = await launchApp({ viewport: { width: 1280, height: 800 } });
    suppliers = app.preview.services.activeConnections().length;
  }, 60_000);
  afterAll(async () => {
    hold?.release();
    unwrap();
    await app?.close();
  });

  it('"Full sync" asks main for complete listings, and the history says so with the requests made', async () => {
    const { page } = app;
    await openScreen(page, 'Sync');
    await page.locator('.progress-row').first().waitFor(WAIT);
    await page.getByRole('button', { name: 'Full sync' }).click();
    await waitForRuns(app, suppliers);
    expect(callsOf(app, 'sync.run').at(-1)).toEqual([null, { full: true }]);
    const runs = listRuns(app.preview.services.db, 50);
    expect(runs.every((run) => run.status === 'ok' && run.mode === 'full')).toBe(true);
    const mesim = runs.find((run) => run.supplierId === 'demo-mesim')!;
    await page
      .locator(`.run-item[data-run="${mesim.id}"] .run-cost`)
      .getByText(`Full · ${mesim.requests} requests`)
      .waitFor(WAIT);
  }, 90_000);

  it('a supplier held back by its request limit shows a countdown in English and Chinese, then completes', async () => {
    const { page } = app;
    const before = listRuns(app.preview.services.db, 1000).length;
    const release = holdNextSync(45);
    try {
      await page.getByRole('button', { name: 'Sync all' }).click();
      const row = page.locator(`.progress-row[data-supplier=${WAITING_SUPPLIER}] .progress-waiting`);
      await row.waitFor(WAIT);
      const first = await row.textContent();
      expect(first).toMatch(/^Waiting for the supplier’s request limit — resumes in (4[0-5]|3\d) s$/);
      const seconds = Number(/(\d+) s$/.exec(first!)![1]);
      // It counts down while it waits.
      await page.waitForFunction(
        ([selector, start]) => {
          const match = /(\d+) s$/.exec(document.querySelector(selector as string)?.textContent ?? '');
          return match !== null && Number(match[1]) < (start as number);
        },
        [`.progress-row[data-supplier=${WAITING_SUPPLIER}] .progress-waiting`, seconds] as const,
        WAIT,
      );
      await app.screenshot('sync-waiting');

      await openScreen(page, 'Settings');
      await page.getByRole('radio', { name: '简体中文' }).click();
      await openScreen(page, '同步');
      await page
        .locator(`.progress-row[data-supplier=${WAITING_SUPPLIER}] .progress-waiting`, {
          hasText: /^正在等待供应商的请求限额——\d+ 秒后继续$/,
        })
        .waitFor(WAIT);
      await app.screenshot('sync-waiting-zh');
      await openScreen(page, '设置');
      await page.getByRole('radio', { name: 'English' }).click();
      await openScreen(page, 'Sync');
    } finally {
      release();
    }
    await waitForRuns(app, before + suppliers);
    expect(await page.locator('.progress-waiting').count()).toBe(0);
    const run = listRuns(app.preview.services.db, 50).find((r) => r.supplierId === WAITING_SUPPLIER)!;
    expect(run.status).toBe('ok');
    const mode = run.mode === 'incremental' ? 'Incremental' : 'Full';
    const cost = page.locator(`.run-item[data-run="${run.id}"] .run-cost`);
    await cost.getByText(`${mode} · ${run.requests} requests`).waitFor(WAIT);
    // How long the listing took, in words (the hold above is the adapter's, not the budget's: no wait is counted).
    expect(await cost.textContent()).toMatch(/ · listing took (under 0\.1 s|\d+(\.\d)? s|\d+ min( \d+ s)?)$/);
  }, 120_000);
});

import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { listRuns } from '../../src-main/db/catalog-repo';
import type { RequestBudgetView } from '../../src-main/http/budget';
import type { CatalogPage, ConnectionBase, FetchOptions, SupplierAdapter } from '../../src-main/suppliers/adapter';
import { SUPPLIER_KINDS } from '../../src-main/suppliers/registry';
import type { E2eApp } from './harness';

const SYNC_WAIT = { timeout: 60_000 };

/** What a test puts in place of an adapter's own catalog listing or budget. */
export interface AdapterOverrides {
  fetchCatalog?: (options?: FetchOptions) => AsyncIterable<CatalogPage>;
  budget?: RequestBudgetView;
}

/**
 * Wraps every adapter the services create in this process (they run here, beside the test) so a test controls what a
 * supplier answers: `overrides` returns what to replace for one connection, or null to leave it alone. Installed before
 * the app starts, it holds whether the services keep one adapter per connection or not. Returns the undo.
 */
export function wrapAdapters(
  overrides: (adapter: SupplierAdapter, connection: ConnectionBase) => AdapterOverrides | null,
): () => void {
  const undo = SUPPLIER_KINDS.map((kind) => {
    const create = kind.create;
    kind.create = (config, env) => {
      const adapter = create.call(kind, config, env);
      const replaced = overrides(adapter, config);
      if (!replaced) return adapter;
      return new Proxy(adapter, {
        get(target, key) {
          if (key in replaced) return replaced[key as keyof AdapterOverrides];
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

export async function openScreen(page: Page, screen: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: screen, exact: true }).click();
  await page.locator('main.screen').evaluate((main) => main.scrollTo(0, 0));
}

/** Until main has recorded `runs` runs in all and finished them, and the screen no longer shows one running. */
export async function waitForRuns(app: E2eApp, runs: number): Promise<void> {
  await expect.poll(() => listRuns(app.preview.services.db, 1000).length, SYNC_WAIT).toBe(runs);
  await expect.poll(() => app.preview.services.syncState().running, SYNC_WAIT).toBe(false);
  await app.page.waitForFunction(
    () => !document.querySelector('.sync-screen .progress-row.active'),
    undefined,
    SYNC_WAIT,
  );
}

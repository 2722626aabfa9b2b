import type { CatalogPage } from '../../src-main/suppliers/adapter';

/**
 * A whole catalog fetch gathered into one page: every offer and every skipped item, in order. A restart voids what
 * came before it, as it does for the sync engine.
 */
export async function collectPages(pages: AsyncIterable<CatalogPage>): Promise<CatalogPage & { restarts: number }> {
  const result = { offers: [] as CatalogPage['offers'], skipped: [] as CatalogPage['skipped'], restarts: 0 };
  for await (const page of pages) {
    if (page.restart) {
      result.offers.length = 0;
      result.skipped.length = 0;
      result.restarts++;
    }
    result.offers.push(...page.offers);
    result.skipped.push(...page.skipped);
  }
  return result;
}

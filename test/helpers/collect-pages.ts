import type { CatalogPage } from '../../src-main/suppliers/adapter';

/** A whole catalog fetch gathered into one page: every offer and every skipped item, in order. */
export async function collectPages(pages: AsyncIterable<CatalogPage>): Promise<CatalogPage> {
  const result: CatalogPage = { offers: [], skipped: [] };
  for await (const page of pages) {
    result.offers.push(...page.offers);
    result.skipped.push(...page.skipped);
  }
  return result;
}

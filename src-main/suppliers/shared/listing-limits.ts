import { SupplierError } from '../../http/errors';

/**
 * The largest catalog any supplier is believed to have, with a wide margin (the biggest real ones list tens of
 * thousands of offers). A listing that claims more is a broken or hostile upstream: believing it would have us
 * plan billions of requests, or hold them in memory, so it is refused before any of it is asked for.
 */
export const MAX_CATALOG_PRODUCTS = 1_000_000;

/** The most pages one listing may take; at the real servers' 100 per page this is two million products. */
export const MAX_LISTING_PAGES = 20_000;

/** Refuses a listing whose announced size is beyond belief; the message names what the upstream said. */
export function refuseImplausibleListing(label: string, announced: { total: number; pages: number; pageSize?: number }): void {
  if (announced.total > MAX_CATALOG_PRODUCTS) {
    throw new SupplierError(`${label}: the supplier reports ${announced.total} products, more than the ${MAX_CATALOG_PRODUCTS} any catalog is believed to have; `
      + 'the listing was not started and the previous catalog is kept', 'implausible_listing');
  }
  if (announced.pages > MAX_LISTING_PAGES) {
    const size = announced.pageSize !== undefined ? ` of ${announced.pageSize}` : '';
    throw new SupplierError(`${label}: listing ${announced.total} products in pages${size} would take ${announced.pages} pages, more than the ${MAX_LISTING_PAGES} `
      + 'one listing may take; the listing was not started and the previous catalog is kept', 'implausible_listing');
  }
}

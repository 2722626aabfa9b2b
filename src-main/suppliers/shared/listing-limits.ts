import { SupplierError } from '../../http/errors';
import { supplierText } from './supplier-text';

/**
 * The largest catalog any supplier is believed to have, with a wide margin (the biggest real ones list tens of
 * thousands of offers). A listing that claims more is a broken or hostile upstream: believing it would have us
 * plan billions of requests, or hold them in memory, so it is refused before any of it is asked for.
 */
export const MAX_CATALOG_PRODUCTS = 1_000_000;

/** The most pages one listing may take; at the real servers' 100 per page this is two million products. */
export const MAX_LISTING_PAGES = 20_000;

/** Whether an announced size is beyond belief: what refuseImplausibleListing refuses before a listing starts. */
export function isImplausibleListing(announced: { total: number; pages: number }): boolean {
  return announced.total > MAX_CATALOG_PRODUCTS || announced.pages > MAX_LISTING_PAGES;
}

/** Refuses a listing whose announced size is beyond belief; the message names what the upstream said. */
export function refuseImplausibleListing(label: string, announced: { total: number; pages: number }): void {
  if (announced.total > MAX_CATALOG_PRODUCTS) {
    throw new SupplierError(
      supplierText('supplier.tooManyProducts', { where: label, total: announced.total, max: MAX_CATALOG_PRODUCTS }),
      'implausible_listing',
    );
  }
  if (announced.pages > MAX_LISTING_PAGES) {
    throw new SupplierError(
      supplierText('supplier.tooManyPages', {
        where: label,
        total: announced.total,
        pages: announced.pages,
        max: MAX_LISTING_PAGES,
      }),
      'implausible_listing',
    );
  }
}

import { codedText, codedTextOf } from './coded-issue';
import type { OfferProblem } from '../src-main/domain/offer';

/**
 * Where a sync found an item it skipped, and why, as codes with parameters: a run's skipped list stores them, the Sync
 * screen words them from the problems dictionary (en, zh-CN), the CLI in the same English. What the supplier sent (ids,
 * names, field names, values) travels as parameters, as it came. A field that does not fit its schema is worded by the
 * issue codes (issue-codes.ts); a run stored before these codes shows its texts as they were.
 */
export const SKIPPED_TEXT_CODES = [
  // Where: `in` is the part of the listing (itself coded), `position` counts from 1.
  /** `page`. */
  'where.page',
  'where.item',
  /** With the item's `id`, named as an id or a product. */
  'where.itemId',
  'where.itemProduct',
  /** One offer of an item: `sku`, and `variant` where the SKU has several. */
  'where.sku',
  'where.skuVariant',
  /** A product read alone (GET /products/:id) after a full listing skipped it: `id`. */
  'where.productAlone',
  /** An offer as the catalog keys it: `product`, `sku`, `variant`. */
  'where.offer',
  'where.offerVariant',
  /** `trade` (a BillionConnect call: F002, F003), `position`, `sku`. */
  'where.tradeItem',
  'where.tradeItemSku',
  /** A Linksfield package: `id`, `countries` (where it is listed); an entry of a `country`'s package list. */
  'where.package',
  'where.packageListItem',
  /** A group of a SEAGM operator's products: `in`, `group` (one of the seagm.group codes). */
  'where.inGroup',
  'seagm.group.airtime',
  'seagm.group.data',
  'seagm.group.bundle',
  // Why.
  'skip.listedTwice',
  'skip.duplicateProduct',
  /** BillionConnect: `field` (skuId), `trade`. */
  'skip.pricesWithoutSku',
  'skip.pricedTwice',
  'skip.listedTwiceIn',
  'skip.unpriced',
  /** Linksfield: a list entry without an id; a detail no country listed (`id`); its plan fields (`field`, `value`). */
  'skip.noPackageId',
  'skip.packageUnlisted',
  'skip.periodCode',
  'skip.periodUnit',
  'skip.notDataAmount',
  'skip.noData',
  /** SEAGM: the largest quantity below the smallest, `maxField` `max` and `minField` `min`. */
  'skip.maxBelowMin',
  // An offer the common rules refuse (domain/offer.ts offerProblem); `amount` is one of the amount codes.
  'offer.noProductId',
  'offer.notDecimal',
  'offer.notCurrency',
  'offer.costNotPositive',
  'offer.tierCurrency',
  'offer.noTitle',
  'offer.stockStatus',
  'offer.stockQuantity',
  'amount.cost',
  'amount.retail',
  'amount.original',
  /** `from`: the quantity the price starts at. */
  'amount.tier',
] as const;

export type SkippedTextCode = (typeof SKIPPED_TEXT_CODES)[number];

export const skippedText = codedTextOf(SKIPPED_TEXT_CODES);

/** The parameters of these codes that quote the supplier's data: shown as they came, never translated. */
export const SKIPPED_DATA_PARAMS: ReadonlySet<string> = new Set([
  'page',
  'position',
  'id',
  'sku',
  'variant',
  'product',
  'trade',
  'countries',
  'country',
  'field',
  'value',
  'max',
  'min',
  'maxField',
  'minField',
  'from',
  'currency',
  'costCurrency',
  'status',
  'quantity',
  // The seagm.* parts of a listing that name where an item sat.
  'name',
]);

/** Why an offer cannot be stored (domain/offer.ts), as a coded text. */
export function offerProblemText(problem: OfferProblem): string {
  const { amount, from, ...params } = problem.params;
  return codedText(`offer.${problem.code}`, {
    ...params,
    amount: amount && codedText(`amount.${amount}`, { from }),
    from: amount ? undefined : from,
  });
}

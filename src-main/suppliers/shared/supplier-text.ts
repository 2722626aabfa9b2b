import { codedTextOf } from '../../../src-shared/coded-issue';
import { IncompleteCatalogError } from '../../http/errors';

/**
 * What supplier code says when a supplier refuses, answers something unreadable or lists its catalog incompletely,
 * as codes with parameters (`@supplier.refused?where=…&message=…`): worded by the renderer's problems dictionary
 * (`src-renderer/i18n/problems.ts`) and, in English, by the CLI. The supplier's own words (its error message, an
 * answer's first characters, the fields a schema found wrong) travel as parameters, as they came. `where` is the
 * request's label: connection id, and the call (method and path, or trade type) where one is known.
 */
export const SUPPLIER_TEXT_CODES = [
  /** The supplier turned the request down: `message` (its own words), `code` (its own code, as it reads). */
  'supplier.refused',
  /** The same without words of its own: `code`. */
  'supplier.refusedWithoutWords',
  /** An answer this app cannot read as the protocol describes it: `detail` (what was wrong with it). */
  'supplier.unexpected',
  /** The answer lacks what the protocol puts there: `field`. */
  'supplier.noField',
  /** The answer has something other than a list where the protocol puts one: `field`. */
  'supplier.notAList',
  /** An error status without the supplier's own answer: `status`. Usually the wrong address. */
  'supplier.notTheApi',
  /** The catalog could not be listed completely; the previous catalog is kept: `detail` (a coded reason or the failure). */
  'supplier.incomplete',
  /** Most items of one page could not be read: `bad`, `total`, `first` (where), `reason`. */
  'supplier.malformedPage',
  /** The supplier claims more products than any catalog has: `total`, `max`. */
  'supplier.tooManyProducts',
  /** Listing would take more pages than one listing may: `total`, `pages`, `max`. */
  'supplier.tooManyPages',
  /** A catalog walked by directories (SEAGM) whose directories name more lists than one listing may read: `listings`, `max`. */
  'supplier.tooManyListings',
  /** SEAGM banned this IP address for a while (HTTP 418). */
  'supplier.ipBanned',
  /** BillionConnect's 1003: any parameter error, a wrong signature and a missing sales method included. */
  'supplier.hint.bcParameters',
  /** This computer's clock is `minutes` ahead of / behind the supplier's, and every request carries the time. */
  'supplier.hint.clockAhead',
  'supplier.hint.clockBehind',
  /** An FMS (Linksfield) code with the meaning its documentation gives. */
  'supplier.fmsCode',
  'supplier.fmsCode.2',
  'supplier.fmsCode.7',
  'supplier.fmsCode.1102',
  'supplier.fmsCode.3004',
  'supplier.fmsCode.3005',
  'supplier.fmsCode.6006',
  'supplier.fmsCode.9999',
  'supplier.fmsCode.10008',
  'supplier.fmsCode.10009',
  /** Linksfield refused the login: `email`, `partnerCode`, `message`, `code`. */
  'supplier.loginRefused',
  /** Linksfield refused a fresh login token at once: `message`, `code`. */
  'supplier.tokenRefusedAgain',
  // Reasons a listing is incomplete (the `detail` of supplier.incomplete).
  'listing.shortfall',
  'listing.emptyPage',
  'listing.repeatedPage',
  'listing.shrank',
  'listing.shrankWithMany',
  'listing.implausibleRise',
  'listing.halfFiltered',
  'listing.unwalkable',
  'listing.partFailed',
  'listing.noCountries',
  'listing.countryUnnamed',
  'listing.countryFailed',
  'listing.countryNoList',
  'listing.noPackages',
  'listing.noPackagesSomeUnusable',
  'listing.packageFailed',
  'listing.noPackageIds',
  // Why a Linksfield package has no price to cost it at: `currency`, and `offered` (the currencies it has) or `amounts`;
  // with how many price entries could not be read (`count`) and why the first (`first`).
  'price.noneIn',
  'price.noneReadable',
  'price.several',
  'price.unreadable',
  // SEAGM's parts of a catalog, as a listing names them.
  'seagm.cardCategory',
  'seagm.topUpCategory',
  'seagm.operator',
  'seagm.operatorsOf',
  // Orders: what a supplier says about one that is not a refusal of it.
  /** No such order to cancel: `key`. */
  'supplier.noOrderToCancel',
  /** Canceled, and then no longer shown: `key`. */
  'supplier.canceledThenGone',
  /** SEAGM says the key is taken but shows no order under it: `key`. */
  'supplier.keyTakenNoOrder',
  /** Linksfield cannot look an order up by our key and no pre-order id is known: `key`. */
  'supplier.cannotLookUp',
  /** Linksfield no longer knows a pre-order it made: `order`. */
  'supplier.preOrderGone',
  /** An order cannot be canceled before the supplier confirmed it. */
  'supplier.notConfirmedYet',
  /** The answer is about another order: `theirs`, `ours`. */
  'supplier.otherOrder',
  /** The create call's answer could not be read and the order is not found yet: `detail`, `key`. */
  'supplier.createUnclear',
  /** A notification was not accepted: `reason` (one of the push.* codes). */
  'supplier.pushRefused',
  'push.notJson',
  'push.notNotification',
  'push.unreadable',
  'push.noSignature',
  'push.signMethod',
  'push.badSignature',
] as const;

export type SupplierTextCode = (typeof SUPPLIER_TEXT_CODES)[number];

export const supplierText = codedTextOf(SUPPLIER_TEXT_CODES);

/** The supplier's refusal of a request, in its own words when it gave some. */
export function refusalText(where: string, message: string | null | undefined, code: string): string {
  const words = message?.trim();
  return words
    ? supplierText('supplier.refused', { where, message: words, code })
    : supplierText('supplier.refusedWithoutWords', { where, code });
}

/** The catalog could not be listed completely (`detail` says why, coded where we word it): nothing may be concluded. */
export function incompleteCatalog(where: string, detail: string): IncompleteCatalogError {
  return new IncompleteCatalogError(supplierText('supplier.incomplete', { where, detail }));
}

import Decimal from 'decimal.js';
import type { ExportRowDraft } from './row-builder';
import { stockToken } from './row-stock';

/**
 * What a store learns about a plan from one export, as a readable string ("USD 6.72 / 12"): the sale price
 * written and the stock. Two exports that would tell the store the same thing have equal fingerprints, so
 * "changed since the last export" is a string comparison. The amount is normalized ("6.70" = "6.7"): a
 * change of notation is not a change of price.
 */
export function exportFingerprint(view: ExportRowDraft): string {
  const price = view.price === null ? '-' : new Decimal(view.price).toFixed();
  return `${view.currency} ${price} / ${stockToken(view.stock)}`;
}

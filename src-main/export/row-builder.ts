import type { GridOffer, PlanRow } from '../grid/types';
import { bestOffer } from './best-offer';
import { neutralizeCell } from './neutralize';
import { planTitle } from './plan-text';
import type { ExportColumn } from './presets/preset';
import { rowStock, type RowStock } from './row-stock';
import { storeHandle } from './store-identity';
import type { OutOfStockMode } from './types';

/** Everything a preset's columns read from one plan row, decided once (stock, listing state, titles). */
export interface ExportRowView {
  row: PlanRow;
  currency: string;
  languages: readonly string[];
  /** One per language, in the order asked; the first is the main title. */
  titles: string[];
  handle: string;
  /**
   * The sale price to write. A sold-out plan has no current price (no supplier to price it from), so it
   * keeps the price its store last received: hiding or zeroing a product must not also blank its price.
   */
  price: string | null;
  best: GridOffer | null;
  stock: RowStock;
  /** Whether the store should show the product: `draft` only for sold-out plans in draft mode. */
  listing: 'active' | 'draft';
  /** The quantity a store should track; null = do not track (unlimited, or no supplier says how many). */
  quantity: number | null;
}

export interface RowBuildContext {
  currency: string;
  languages: readonly string[];
  outOfStock: OutOfStockMode;
}

/**
 * The row as an export sees it; null when it is sold out and sold-out rows are skipped. `lastSentPrice` is
 * the price the last export with this preset (in this currency) wrote for the plan, if any.
 */
export function buildRowView(row: PlanRow, context: RowBuildContext, lastSentPrice: string | null = null): ExportRowView | null {
  const stock = rowStock(row);
  const soldOut = stock.state === 'out';
  if (soldOut && context.outOfStock === 'skip') return null;
  return {
    row,
    currency: context.currency,
    languages: context.languages,
    titles: context.languages.map((language) => planTitle(row, language)),
    handle: storeHandle(row.planKey),
    price: row.salePrice?.amount ?? lastSentPrice,
    best: bestOffer(row),
    stock,
    listing: soldOut && context.outOfStock === 'draft' ? 'draft' : 'active',
    // A sold-out plan is written with 0 in both draft and zero modes, so the store can never sell it.
    quantity: soldOut ? 0 : stock.state === 'counted' ? stock.quantity : null,
  };
}

/** The file's cells for one row, each neutralized against formula injection. */
export function buildCells(columns: readonly ExportColumn[], view: ExportRowView): string[] {
  return columns.map((column) => neutralizeCell(column.value(view), column.numeric));
}

import Decimal from 'decimal.js';
import type { Money } from '../domain/money';
import { priceOrRefusal } from '../domain/pricing/price';
import type { RuleSet } from '../domain/pricing/rules';
import type { GridOffer, PlanRow } from '../../src-shared/grid-types';
import { bestOffer } from './best-offer';
import { planTitle, planTitleWrittenIn } from './plan-text';
import { storeAmount } from './store-amount';
import { rowStock, type RowStock } from './row-stock';
import type { FlagReason, NoPriceCause, OutOfStockMode } from '../../src-shared/export-types';

/** Everything a preset's columns read from one plan row, decided once (stock, listing state, titles, price). */
export interface ExportRowDraft {
  row: PlanRow;
  currency: string;
  languages: readonly string[];
  /** The store's product title (the first language, with the usual fallbacks: a product needs a title). */
  mainTitle: string;
  /**
   * One per language, in the order asked: the title written in that language, or '' (filled from the nearest
   * language only when the merchant asked to fill missing languages).
   */
  titles: string[];
  /**
   * The sale price to write. A sold-out plan has no best offer, so it is priced by the rules from its cheapest
   * supplier all the same (hiding a product must not blank its price); failing that, the price its store last got.
   */
  price: string | null;
  /** The cost `price` is set against (the best offer's, or the cheapest sold-out one's), in `currency`. */
  cost: Money | null;
  /** Why the row has no price, when it has none. */
  noPriceCause: NoPriceCause | null;
  best: GridOffer | null;
  stock: RowStock;
  /** Whether the store should show the product: `draft` only for sold-out plans in draft mode. */
  listing: 'active' | 'draft';
  /** The quantity a store should track; null = do not track (unlimited, or no supplier says how many). */
  quantity: number | null;
}

export interface ExportRowView extends ExportRowDraft {
  /** The product's identity in the store, kept once given (see store-identity.ts). */
  handle: string;
}

export interface RowBuildContext {
  currency: string;
  languages: readonly string[];
  outOfStock: OutOfStockMode;
  fillMissingLanguages?: boolean;
  /** The rules the grid priced with, to price sold-out rows; without them those keep their last sent price. */
  ruleSet?: RuleSet;
}

interface RowPrice {
  price: string | null;
  cost: Money | null;
  noPriceCause: NoPriceCause | null;
}

/** A sold-out row's price: what the rules give its cheapest supplier's cost, as if it were in stock. */
function soldOutPrice(row: PlanRow, ruleSet: RuleSet | undefined, lastSentPrice: string | null): RowPrice {
  const convertible = row.offers.filter((offer) => offer.converted !== null);
  const cheapest = convertible.reduce<GridOffer | null>(
    (low, offer) => (low && new Decimal(low.converted!.amount).lte(offer.converted!.amount) ? low : offer),
    null,
  );
  const cost = cheapest?.converted ?? null;
  const priced =
    cheapest && ruleSet && cost?.currency.toUpperCase() === ruleSet.currency.toUpperCase()
      ? priceOrRefusal(
          {
            cost: cheapest.converted!,
            supplierId: cheapest.supplier,
            categoryId: cheapest.categoryId,
            planKey: row.planKey,
            productId: cheapest.productId,
            skuId: cheapest.skuId,
            variant: cheapest.variant,
          },
          ruleSet,
        )
      : null;
  if (priced && !('refused' in priced)) return { price: priced.salePrice.amount, cost, noPriceCause: null };
  if (lastSentPrice !== null) return { price: lastSentPrice, cost, noPriceCause: null };
  return { price: null, cost, noPriceCause: priced || row.priceRefused ? 'refused' : 'no_rate' };
}

function rowPrice(row: PlanRow, soldOut: boolean, context: RowBuildContext, lastSentPrice: string | null): RowPrice {
  if (row.salePrice) return { price: row.salePrice.amount, cost: row.bestCost, noPriceCause: null };
  // In stock without a price: the rule or lock would sell at zero or below (the grid refused it).
  if (!soldOut) return { price: null, cost: row.bestCost, noPriceCause: 'refused' };
  return soldOutPrice(row, context.ruleSet, lastSentPrice);
}

/**
 * The row as an export sees it; null when it is sold out and sold-out rows are skipped. `lastSentPrice` is
 * the price the last export with this preset (in this currency) wrote for the plan, if any.
 */
export function buildRowView(
  row: PlanRow,
  context: RowBuildContext,
  lastSentPrice: string | null = null,
): ExportRowDraft | null {
  const stock = rowStock(row);
  const soldOut = stock.state === 'out';
  if (soldOut && context.outOfStock === 'skip') return null;
  const title = context.fillMissingLanguages ? planTitle : planTitleWrittenIn;
  return {
    row,
    currency: context.currency,
    languages: context.languages,
    mainTitle: planTitle(row, context.languages[0] ?? 'en'),
    titles: context.languages.map((language) => title(row, language)),
    ...rowPrice(row, soldOut, context, lastSentPrice),
    best: bestOffer(row),
    stock,
    listing: soldOut && context.outOfStock === 'draft' ? 'draft' : 'active',
    // A sold-out plan is written with 0 in both draft and zero modes, so the store can never sell it.
    quantity: soldOut ? 0 : stock.state === 'counted' ? stock.quantity : null,
  };
}

/**
 * The sale price as the file writes it and the store charges it: up to the currency's minor unit (1151.2 JPY is
 * 1152). What a sale gains or loses is judged on this, not on the exact amount no store can charge.
 */
export function chargedPrice(view: Pick<ExportRowDraft, 'price' | 'currency'>): string | null {
  return view.price === null ? null : storeAmount(view.price, view.currency, 'up');
}

/** Why the preflight shows this row before it is written: it would sell below cost, or it has no price. */
export function flagOf(view: Pick<ExportRowDraft, 'price' | 'cost' | 'currency'>): FlagReason | null {
  const charged = chargedPrice(view);
  if (charged === null) return 'no_price';
  if (view.cost && new Decimal(charged).lt(view.cost.amount)) return 'below_cost';
  return null;
}

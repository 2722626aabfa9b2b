import type { Money } from '../src-main/domain/money';
import type { OfferKind, Stock } from '../src-main/domain/offer';
import type { PlanAttributes } from '../src-main/domain/plan-attributes';
import type { ChangeKind } from '../src-main/domain/diff';
import type { SuggestionReason } from '../src-main/domain/match-suggestions';

export interface OfferRef {
  supplier: string;
  productId: string;
  skuId: string;
  variant: string;
}

/** One supplier's offer inside a plan row, as the grid shows it. */
export interface GridOffer extends OfferRef {
  kind: OfferKind;
  titles: Record<string, string>;
  cost: Money;
  /** Cost in the merchant's currency; null when no rate is known for the offer's currency. */
  converted: Money | null;
  stock: Stock;
  orderable: boolean;
  categoryId: string | null;
  /** Why the offer is in this row (absent on rows built before it was recorded). */
  match?: OfferMatch;
}

/** How an offer came to share its row, for the row panel to explain; the renderer words it. */
export interface OfferMatch {
  /** `matched` by its plan; `linked` or `unlinked` by the merchant; `alone` when the matcher could not be sure. */
  via: 'matched' | 'linked' | 'unlinked' | 'alone';
  /** The bundle it only names ("ASIA-8"): its countries were learnt from other suppliers' listings of that name. */
  regionResolved?: string;
  /** The bundle it names stands for two different country sets among the suppliers: not matched on a guess. */
  regionAmbiguous?: string;
  /** A throttled "unlimited" plan: matched by its high-speed quota, slower after it. */
  throttledAfterQuota?: boolean;
}

export interface PlanRow {
  id: number;
  planKey: string;
  kind: OfferKind;
  title: string;
  attributes: PlanAttributes;
  offers: GridOffer[];
  /** The cheapest in-stock offer: what the merchant should buy. */
  best: OfferRef | null;
  /** The next cheapest in-stock offer from another supplier: the fallback. */
  second: OfferRef | null;
  bestCost: Money | null;
  salePrice: Money | null;
  margin: Money | null;
  /** Margin as a percentage of the sale price, one decimal. */
  marginPercent: string | null;
  ruleId: string | null;
  locked: boolean;
  /** No sale price because the rule (ruleId) or lock (locked) would sell at zero or below. */
  priceRefused: boolean;
  /** What the last sync of each member's supplier changed in this row. */
  changes: ChangeKind[];
  /** The merchant keeps this plan out of exports (set on rows read from the grid). */
  excludedFromExport?: boolean;
}

export const GRID_SORT_COLUMNS = [
  'title',
  'bestCost',
  'salePrice',
  'margin',
  'marginPercent',
  'suppliers',
  'days',
  'data',
] as const;
export type GridSortColumn = (typeof GRID_SORT_COLUMNS)[number];

export interface GridQuery {
  language?: string;
  search?: string;
  suppliers?: string[];
  kinds?: OfferKind[];
  countries?: string[];
  stock?: 'in_stock' | 'out';
  /** Rows whose margin is below this amount (merchant currency). */
  marginBelow?: string;
  changedInLastSync?: boolean;
  sort?: { column: GridSortColumn; direction: 'asc' | 'desc' };
  offset?: number;
  limit?: number;
}

export interface GridPage {
  rows: PlanRow[];
  total: number;
  currency: string;
  offset: number;
}

/**
 * Which grid rows a bulk action is for: plans picked one by one, or every row a grid filter matches (resolved in
 * SQL where the action runs, so "all" of 100k rows never crosses to the renderer), less the ones unticked.
 */
export type GridSelection =
  { type: 'keys'; planKeys: string[] } | { type: 'matching'; query: GridQuery; except?: string[] };

/** Amounts are decimal strings in the merchant currency. A margin lock pins each row at its best cost plus `amount`. */
export type BulkAction =
  | { type: 'lockPrice'; amount: string }
  | { type: 'lockMargin'; amount: string }
  | { type: 'unlock' }
  | { type: 'exclude' }
  | { type: 'include' };

/** A row a lock would sell below its best cost, and by how much per sale. */
export interface BelowCostRow {
  planKey: string;
  title: string;
  cost: Money;
  price: Money;
  loss: Money;
}

export interface BulkPreview {
  /** Rows the selection holds now. */
  rows: number;
  /** Rows the action would change (a margin lock skips rows with no cost). */
  affected: number;
  /** How many would sell below cost, and the worst of them (largest loss first, at most 5). */
  belowCost: number;
  worstBelowCost: BelowCostRow[];
}

export interface BulkResult {
  affected: number;
}

/** One doubtful match: an offer left in a row of its own, and a row it may belong in. */
export interface MatchSuggestion {
  offer: OfferRef;
  offerTitle: string;
  /** The row the offer sits in now (its own). */
  fromRowId: number;
  fromPlanKey: string;
  toRowId: number;
  toPlanKey: string;
  toTitle: string;
  reason: SuggestionReason;
  /** How sure the matcher was of the offer's reading, 0–1. */
  confidence: number;
}

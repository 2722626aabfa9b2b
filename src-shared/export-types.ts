import type { Money } from '../src-main/domain/money';
import type { GridQuery } from './grid-types';

/** The store formats SupplyGrid writes. `shopify-legacy` is the same sheet under Shopify's pre-2024 header names. */
export const EXPORT_PRESET_IDS = ['generic', 'shopify', 'shopify-legacy', 'woocommerce', 'dujiao-next'] as const;
export type ExportPresetId = (typeof EXPORT_PRESET_IDS)[number];

/**
 * What happens to a plan that no supplier can deliver right now: left out of the file, written but hidden
 * from the storefront (Shopify draft, WooCommerce draft, inactive), or written as sellable with quantity 0.
 */
export const OUT_OF_STOCK_MODES = ['skip', 'draft', 'zero'] as const;
export type OutOfStockMode = (typeof OUT_OF_STOCK_MODES)[number];

/**
 * What to do with rows the preflight flags (they would sell below cost, or have no price): `ask` refuses to write
 * while there are any (ExportNeedsDecisionError), so the merchant sees them first; `exclude` leaves them out;
 * `keep` writes them as they are.
 */
export const FLAGGED_ROW_CHOICES = ['ask', 'keep', 'exclude'] as const;
export type FlaggedRowChoice = (typeof FLAGGED_ROW_CHOICES)[number];

/**
 * Which grid rows to export. A selection names plan keys, not row ids: the grid is rebuilt (and its ids
 * reassigned) after every sync, rule or rate change, so an id picked a minute ago may name another plan now.
 */
export type ExportRowSelection =
  { type: 'all' } | { type: 'filter'; query: GridQuery } | { type: 'selected'; planKeys: string[] };

export interface ExportOptions {
  preset: ExportPresetId;
  /** Title languages; the first is the main one (the store's product title). Default `['en']`. */
  languages?: string[];
  /** Prices in this currency (the grid is priced in it for the export). Default: the merchant's currency. */
  currency?: string;
  /** Default: every row. */
  rows?: ExportRowSelection;
  inStockOnly?: boolean;
  /** Default `draft`: a sold-out plan disappears from the storefront but keeps its page and history. */
  outOfStock?: OutOfStockMode;
  /** Only rows whose sale price or stock differ from what the last export with this preset wrote (new rows too). */
  changedSinceLastExport?: boolean;
  /**
   * Default false: a title column holds that language or stays empty. True: an empty one is filled with the
   * nearest language there is (zh-TW → zh-CN → English …), as the grid shows titles.
   */
  fillMissingLanguages?: boolean;
  /** Default `ask` where options arrive from outside (the UI, the CLI), `keep` for in-process callers. */
  flaggedRows?: FlaggedRowChoice;
}

/** A selection as history keeps it: which plans were picked matters for that file only, so only the count is kept. */
export type RememberedRowSelection =
  { type: 'all' } | { type: 'filter'; query: GridQuery } | { type: 'selected'; count: number };

/** Options with every default filled in, as recorded in history and remembered per preset. */
export interface ExportSettings {
  preset: ExportPresetId;
  languages: string[];
  currency: string;
  rows: RememberedRowSelection;
  inStockOnly: boolean;
  outOfStock: OutOfStockMode;
  changedSinceLastExport: boolean;
  fillMissingLanguages: boolean;
  flaggedRows: FlaggedRowChoice;
}

export interface ExportPresetInfo {
  id: ExportPresetId;
  label: string;
  description: string;
  /** The header row for the languages asked for (generic and Dujiao-Next have one title column per language). */
  columns: string[];
}

export interface ExportPreview {
  preset: ExportPresetId;
  currency: string;
  columns: string[];
  /** The first rows exactly as the file will hold them (neutralized, unquoted). */
  rows: string[][];
  /** Grid rows the selection matches, before out-of-stock skipping and the changed-only filter. */
  matching: number;
}

export interface ExportResult {
  id: number;
  preset: ExportPresetId;
  currency: string;
  rows: number;
  file: string;
  createdAt: string;
  preflight: PreflightRecord;
}

/** A small export handed to the UI as text, for a browser download (the bridge has no save dialog). */
export interface ExportDownload {
  id: number;
  filename: string;
  /** Starts with the UTF-8 byte order mark, so a Blob of it opens in Excel with Chinese intact. */
  csv: string;
  rows: number;
  preflight: PreflightRecord;
}

export interface ExportHistoryEntry {
  id: number;
  createdAt: string;
  preset: ExportPresetId;
  currency: string;
  options: ExportSettings;
  rows: number;
  delivery: 'file' | 'download';
  file: string | null;
  /** What the preflight found in the rows and what was done with them; null for exports older than the preflight. */
  preflight: PreflightRecord | null;
}

/** Kept with each export: flagged rows met while writing, and whether they went into the file. */
export interface PreflightRecord {
  belowCost: number;
  noPrice: number;
  choice: FlaggedRowChoice;
}

/** Why the preflight flags a row. */
export type FlagReason = 'below_cost' | 'no_price';
/** Why a flagged row has no price: its rule or lock gives zero or below, or no exchange rate converts its cost. */
export type NoPriceCause = 'refused' | 'no_rate';

export interface FlaggedRow {
  planKey: string;
  /** The plan's title as the store will show it (the export's main language). */
  title: string;
  reason: FlagReason;
  cause: NoPriceCause | null;
  salePrice: Money | null;
  cost: Money | null;
  /** cost − sale price, for rows below cost. */
  lossPerSale: Money | null;
  soldOut: boolean;
  locked: boolean;
  ruleId: string | null;
}

/** The rows an export would write that need the merchant's eye before the file goes to a store. */
export interface ExportPreflight {
  currency: string;
  /** Rows the export would write (after sold-out skipping and the changed-only filter). */
  rows: number;
  belowCost: number;
  noPrice: number;
  /** The flagged rows, worst loss first, at most `limit` of them. */
  flagged: FlaggedRow[];
  /** Built-in sample exchange rates the written prices rest on (some supplier's cost converted with them), or null. */
  sampleRates: SampleRatesUsed | null;
}

/** Sample rates in use: approximate, from the day they were made, never fetched. */
export interface SampleRatesUsed {
  /** The currencies converted with a sample rate, in order. */
  currencies: string[];
  /** The oldest of their dates (YYYY-MM-DD). */
  asOf: string;
}

export interface LastExportChoice {
  options: ExportSettings;
  file: string | null;
  at: string;
}

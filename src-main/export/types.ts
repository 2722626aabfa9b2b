import type { GridQuery } from '../grid/types';

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
 * Which grid rows to export. A selection names plan keys, not row ids: the grid is rebuilt (and its ids
 * reassigned) after every sync, rule or rate change, so an id picked a minute ago may name another plan now.
 */
export type ExportRowSelection =
  | { type: 'all' }
  | { type: 'filter'; query: GridQuery }
  | { type: 'selected'; planKeys: string[] };

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
}

/** A selection as history keeps it: which plans were picked matters for that file only, so only the count is kept. */
export type RememberedRowSelection = { type: 'all' } | { type: 'filter'; query: GridQuery } | { type: 'selected'; count: number };

/** Options with every default filled in, as recorded in history and remembered per preset. */
export interface ExportSettings {
  preset: ExportPresetId;
  languages: string[];
  currency: string;
  rows: RememberedRowSelection;
  inStockOnly: boolean;
  outOfStock: OutOfStockMode;
  changedSinceLastExport: boolean;
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
}

/** A small export handed to the UI as text, for a browser download (the bridge has no save dialog). */
export interface ExportDownload {
  id: number;
  filename: string;
  /** Starts with the UTF-8 byte order mark, so a Blob of it opens in Excel with Chinese intact. */
  csv: string;
  rows: number;
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
}

export interface LastExportChoice {
  options: ExportSettings;
  file: string | null;
  at: string;
}

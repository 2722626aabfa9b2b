/**
 * Fixed widths for everything but the title, which takes what is left. Sized on the widest labels in DejaVu Sans
 * (the widest common UI font): with five suppliers the row fits 1280×800 (about 1030px beside the sidebar) with
 * a title column near 200px; more suppliers scroll sideways with the title column pinned.
 */
export const COLUMN_WIDTHS = {
  titleMin: 180,
  kind: 70,
  coverage: 88,
  data: 84,
  days: 52,
  supplier: 78,
  sale: 74,
  /** Amount over percentage, one column: two side by side would cost the title ~60px. */
  margin: 72,
} as const;

export const ROW_HEIGHT = 36;
/** Two header rows: the column groups (with the cost sorts), then the columns. */
export const HEADER_HEIGHT = 26 + 38;
/** Columns besides the per-supplier costs: title, kind, coverage, data, days, sale, margin. */
export const FIXED_COLUMN_COUNT = 7;

export function gridColumns(supplierCount: number): { template: string; minWidth: number } {
  const w = COLUMN_WIDTHS;
  const costColumns = Math.max(supplierCount, 1);
  const fixed = [w.kind, w.coverage, w.data, w.days, ...Array<number>(costColumns).fill(w.supplier), w.sale, w.margin];
  return {
    template: `minmax(${w.titleMin}px, 1fr) ${fixed.map((px) => `${px}px`).join(' ')}`,
    minWidth: w.titleMin + fixed.reduce((sum, px) => sum + px, 0),
  };
}

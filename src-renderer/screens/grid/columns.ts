/**
 * The grid's columns: which show, in what order, how wide. Widths are the defaults below unless the merchant dragged
 * a column edge (columns-store.ts remembers it). Sized on the widest labels in DejaVu Sans (the widest common
 * UI font): with five suppliers the row fits 1280×800 (about 1030px beside the sidebar) with a title column near
 * 180px; more suppliers scroll sideways with the tick box and the title pinned.
 */
export type ColumnId =
  'select' | 'title' | 'kind' | 'coverage' | 'data' | 'days' | 'best' | 'sale' | 'margin' | `supplier:${string}`;

export const DEFAULT_WIDTHS = {
  select: 30,
  /** The title's least width: it takes whatever the other columns leave. */
  title: 180,
  kind: 70,
  coverage: 80,
  data: 80,
  days: 52,
  supplier: 78,
  best: 78,
  sale: 74,
  /** Amount over percentage, one column: two side by side would cost the title ~60px. */
  margin: 72,
} as const;

export const MIN_COLUMN_WIDTH = 40;
export const MAX_COLUMN_WIDTH = 640;

/** Columns the merchant may hide (the tick box and the title always show); suppliers' cost columns too. */
export const HIDEABLE_COLUMNS = [
  'kind',
  'coverage',
  'data',
  'days',
  'sale',
  'margin',
] as const satisfies readonly ColumnId[];

export const ROW_HEIGHT = 36;
/** Two header rows: the column groups (with the cost sorts), then the columns. */
export const HEADER_HEIGHT = 26 + 44;

export const supplierColumn = (supplierId: string): ColumnId => `supplier:${supplierId}`;

export function defaultWidth(column: ColumnId): number {
  return column.startsWith('supplier:')
    ? DEFAULT_WIDTHS.supplier
    : DEFAULT_WIDTHS[column as keyof typeof DEFAULT_WIDTHS];
}

export interface ColumnLayout {
  columns: ColumnId[];
  template: string;
  minWidth: number;
  /** How many columns each header group spans: the plan's, the costs', the price's. */
  spans: { plan: number; cost: number; price: number };
}

export function columnLayout(
  supplierIds: readonly string[],
  hidden: ReadonlySet<string> = new Set(),
  widths: Readonly<Record<string, number>> = {},
): ColumnLayout {
  const shown = (column: ColumnId) => !hidden.has(column);
  const plan = (['select', 'title', 'kind', 'coverage', 'data', 'days'] as ColumnId[]).filter(shown);
  const cost: ColumnId[] = supplierIds.length > 0 ? supplierIds.map(supplierColumn).filter(shown) : ['best'];
  const price = (['sale', 'margin'] as ColumnId[]).filter(shown);
  const columns = [...plan, ...cost, ...price];
  // The tick box column is not resizable: its width is the box's.
  const width = (column: ColumnId) =>
    column === 'select' ? DEFAULT_WIDTHS.select : clampWidth(widths[column] ?? defaultWidth(column));
  return {
    columns,
    template: columns
      .map((column) => (column === 'title' ? `minmax(${width(column)}px, 1fr)` : `${width(column)}px`))
      .join(' '),
    minWidth: columns.reduce((sum, column) => sum + width(column), 0),
    spans: { plan: plan.length, cost: cost.length, price: price.length },
  };
}

export function clampWidth(width: number): number {
  return Math.round(Math.min(Math.max(width, MIN_COLUMN_WIDTH), MAX_COLUMN_WIDTH));
}

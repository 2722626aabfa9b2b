import { neutralizeCell } from '../neutralize';
import type { ExportRowView } from '../row-builder';
import type { ExportPresetId } from '../../../src-shared/export-types';

export interface ExportColumn {
  header: string;
  /** Plain decimals in a numeric column are numbers, never neutralized (see neutralizeCell). */
  numeric?: boolean;
  value(view: ExportRowView): string;
}

export interface ExportPreset {
  id: ExportPresetId;
  label: string;
  description: string;
  /** The columns for these title languages (most presets ignore them: a store product has one title). */
  columns(languages: readonly string[]): ExportColumn[];
}

export const text = (header: string, value: (view: ExportRowView) => string): ExportColumn => ({ header, value });
export const numeric = (header: string, value: (view: ExportRowView) => string): ExportColumn => ({
  header,
  numeric: true,
  value,
});
export const constant = (header: string, cell: string): ExportColumn => ({ header, value: () => cell });

/** The file's cells for one row, each neutralized against formula injection. */
export function buildCells(columns: readonly ExportColumn[], view: ExportRowView): string[] {
  return columns.map((column) => neutralizeCell(column.value(view), column.numeric));
}

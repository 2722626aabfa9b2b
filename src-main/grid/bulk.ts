import type { Database } from 'better-sqlite3';
import Decimal from 'decimal.js';
import { languageOf } from '../domain/locale';
import { lockedPriceFor, lossPerSale } from '../domain/pricing/bulk-lock';
import { currencyDecimals } from '../domain/minor-units';
import { lockPrices, unlockPrices } from '../pricing/rules-store';
import { setExportExclusion } from './exclusions-repo';
import { ensureGrid, planKeysMatching, type GridScope } from './query';
import { bulkActionSchema, gridSelectionSchema } from '../../src-shared/contract-schemas';
import type {
  BelowCostRow,
  BulkAction,
  BulkPreview,
  BulkResult,
  GridQuery,
  GridSelection,
} from '../../src-shared/grid-types';

/** How many selected rows the preview names by their loss. */
const WORST_SHOWN = 5;
const CHUNK = 500;

/** Arguments as they arrive over IPC or the bridge: checked before any row is touched. */
export function parseBulkRequest(
  selection: unknown,
  action: unknown,
): { selection: GridSelection; action: BulkAction } {
  return { selection: gridSelectionSchema.parse(selection), action: bulkActionSchema.parse(action) };
}

/** Thrown when a lock would sell below cost and the merchant has not confirmed that; the renderer words the code. */
export class BelowCostNotConfirmedError extends Error {
  constructor(readonly count: number) {
    super(`@grid.bulk.belowCost?count=${count}`);
    this.name = 'BelowCostNotConfirmedError';
  }
}

/** The plan keys a selection stands for now, resolved in SQL for "every matching row". */
export function resolveSelection(db: Database, selection: GridSelection, scope: GridScope): string[] {
  if (selection.type === 'keys') return [...new Set(selection.planKeys)];
  const { offset: _offset, limit: _limit, ...filter } = selection.query as GridQuery;
  const except = new Set(selection.except ?? []);
  return planKeysMatching(db, filter, scope).filter((key) => !except.has(key));
}

interface LockRow {
  planKey: string;
  title: string;
  price: string;
  cost: string | null;
}

/** The price each selected row would be locked at (rows a margin lock cannot price are left out). */
function plannedLocks(
  db: Database,
  planKeys: readonly string[],
  action: Extract<BulkAction, { type: 'lockPrice' | 'lockMargin' }>,
  currency: string,
  language: string,
): LockRow[] {
  const title = languageOf(language) === 'zh' ? 'title_zh' : 'title_en';
  const decimals = currencyDecimals(currency);
  const planned: LockRow[] = [];
  for (let start = 0; start < planKeys.length; start += CHUNK) {
    const keys = planKeys.slice(start, start + CHUNK);
    const rows = db
      .prepare(
        `SELECT plan_key, ${title} AS title, best_cost FROM plan_rows WHERE plan_key IN (${keys.map(() => '?').join(',')})`,
      )
      .all(...keys) as Array<{ plan_key: string; title: string; best_cost: string | null }>;
    for (const row of rows) {
      const price = lockedPriceFor(action, row.best_cost, decimals);
      if (price !== null) planned.push({ planKey: row.plan_key, title: row.title, price, cost: row.best_cost });
    }
  }
  return planned;
}

function belowCost(planned: readonly LockRow[], currency: string): BelowCostRow[] {
  return planned.flatMap((row) => {
    const loss = lossPerSale(row.cost, row.price);
    return loss === null
      ? []
      : [
          {
            planKey: row.planKey,
            title: row.title,
            cost: { amount: row.cost!, currency },
            price: { amount: row.price, currency },
            loss: { amount: loss, currency },
          },
        ];
  });
}

/** What a bulk action would do, before doing it: how many rows, and which would then sell below cost. */
export function previewBulk(
  db: Database,
  selection: GridSelection,
  action: BulkAction,
  scope: GridScope,
  language = 'en',
): BulkPreview {
  const currency = ensureGrid(db, scope);
  const planKeys = resolveSelection(db, selection, scope);
  if (action.type !== 'lockPrice' && action.type !== 'lockMargin')
    return { rows: planKeys.length, affected: planKeys.length, belowCost: 0, worstBelowCost: [] };
  const planned = plannedLocks(db, planKeys, action, currency, language);
  const losing = belowCost(planned, currency).sort((a, b) => new Decimal(b.loss.amount).comparedTo(a.loss.amount));
  return {
    rows: planKeys.length,
    affected: planned.length,
    belowCost: losing.length,
    worstBelowCost: losing.slice(0, WORST_SHOWN),
  };
}

/**
 * Applies a bulk action. A lock that would sell any row below cost is refused unless `confirmBelowCost`: the
 * merchant must have seen the loss per sale (previewBulk) first.
 */
export function applyBulk(
  db: Database,
  selection: GridSelection,
  action: BulkAction,
  scope: GridScope,
  confirmBelowCost = false,
): BulkResult {
  const currency = ensureGrid(db, scope);
  const planKeys = resolveSelection(db, selection, scope);
  switch (action.type) {
    case 'exclude':
    case 'include':
      setExportExclusion(db, planKeys, action.type === 'exclude');
      return { affected: planKeys.length };
    case 'unlock':
      unlockPrices(
        db,
        currency,
        planKeys.map((planKey) => ({ type: 'plan', planKey })),
      );
      return { affected: planKeys.length };
    default: {
      const planned = plannedLocks(db, planKeys, action, currency, 'en');
      const losing = belowCost(planned, currency).length;
      if (losing > 0 && !confirmBelowCost) throw new BelowCostNotConfirmedError(losing);
      lockPrices(
        db,
        currency,
        planned.map((row) => ({
          target: { type: 'plan', planKey: row.planKey },
          price: { amount: row.price, currency },
        })),
      );
      return { affected: planned.length };
    }
  }
}

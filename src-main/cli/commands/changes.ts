import type { Database } from 'better-sqlite3';
import { getRun, latestRuns } from '../../db/catalog-repo';
import { changesForRuns } from '../../db/changes-repo';
import type { StoredChange } from '../../../src-shared/sync-types';
import { titlesOf } from '../../db/offer-lookups';
import { displayTitle } from '../../domain/locale';
import { supplierOfferKey } from '../../domain/offer';
import type { OfferRef } from '../../../src-shared/grid-types';
import { pad, type Output } from '../output';
import { runErrorEn } from '../../../src-renderer/screens/sync/run-error';
import { costText } from './sync';

export interface ChangesArgs {
  run?: number;
  json?: boolean;
}

export function changesCommand(db: Database, args: ChangesArgs, output: Output): number {
  const runs = args.run !== undefined ? [getRun(db, args.run)].filter((r) => r !== null) : latestRuns(db);
  if (args.run !== undefined && runs.length === 0) {
    output.err(`supplygrid changes: no sync run with id ${args.run}`);
    return 2;
  }
  const changes = changesForRuns(
    db,
    runs.map((r) => r.id),
  );
  if (args.json) {
    output.json(
      changes.map((c) => ({
        supplier: c.supplierId,
        change: c.change,
        productId: c.productId,
        skuId: c.skuId,
        ...(c.variant ? { variant: c.variant } : {}),
        old: c.old,
        new: c.new,
        runId: c.runId,
      })),
    );
    return 0;
  }
  if (runs.length === 0) {
    output.out('No sync has run yet. Try `supplygrid sync --demo`.');
    return 0;
  }
  for (const run of runs) {
    const mine = changes.filter((c) => c.runId === run.id);
    output.out(
      `${run.supplierId} — run ${run.id} (${run.status}, ${costText(run)}, ${run.startedAt})${run.error ? `: ${runErrorEn(run.error)}` : ''}`,
    );
    if (run.status === 'ok')
      output.out(`  ${run.added} added, ${run.removed} removed, ${run.changed} changed, ${run.skipped} skipped`);
    const shown = mine.slice(0, 200);
    const titles = titlesOf(db, shown.map(offerRef));
    for (const change of shown) {
      const stored = titles.get(supplierOfferKey(offerRef(change)));
      output.out(
        `  ${pad(change.change, 14)} ${pad(stored ? displayTitle(stored, 'en') : `${change.productId}/${change.skuId}`, 44)} ${describe(change)}`,
      );
    }
    if (mine.length > 200) output.out(`  … ${mine.length - 200} more (use --json for all)`);
    output.out('');
  }
  return 0;
}

function offerRef(change: StoredChange): OfferRef {
  return { supplier: change.supplierId, productId: change.productId, skuId: change.skuId, variant: change.variant };
}

function describe(change: StoredChange): string {
  const old = change.old as Record<string, unknown> | null;
  const next = change.new as Record<string, unknown> | null;
  switch (change.change) {
    case 'price_up':
    case 'price_down':
      return `${old?.amount} ${old?.currency} → ${next?.amount} ${next?.currency}`;
    case 'stock_changed':
      return `${stockText(old)} → ${stockText(next)}`;
    case 'title_changed':
      return `${displayTitle((old ?? {}) as Record<string, string>, 'en')} → ${displayTitle((next ?? {}) as Record<string, string>, 'en')}`;
    case 'added': {
      const cost = next?.cost as { amount: string; currency: string } | undefined;
      return cost ? `${cost.amount} ${cost.currency}` : '';
    }
    case 'removed':
      return '';
  }
}

function stockText(stock: Record<string, unknown> | null): string {
  if (!stock) return '?';
  return stock.quantity === null || stock.quantity === undefined
    ? String(stock.status)
    : `${stock.status} (${stock.quantity})`;
}

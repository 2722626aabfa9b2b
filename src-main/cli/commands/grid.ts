import type { Database } from 'better-sqlite3';
import { merchantCurrency } from '../../db/settings';
import { GridCurrencyError } from '../../grid/currency-check';
import { queryGrid } from '../../grid/query';
import type { GridQuery, PlanRow } from '../../../src-shared/grid-types';
import { pad, type Output } from '../output';

export interface GridArgs {
  lang?: string;
  currency?: string;
  search?: string;
  supplier?: string;
  country?: string;
  json?: boolean;
  limit?: number;
}

export function gridCommand(db: Database, args: GridArgs, output: Output): number {
  try {
    return printGrid(db, args, output);
  } catch (error) {
    if (!(error instanceof GridCurrencyError)) throw error;
    output.err(`supplygrid grid: ${error.message}`);
    return 2;
  }
}

function printGrid(db: Database, args: GridArgs, output: Output): number {
  const currency = (args.currency ?? merchantCurrency(db)).toUpperCase();
  const query: GridQuery = {
    language: args.lang ?? 'en',
    search: args.search,
    suppliers: args.supplier ? args.supplier.split(',') : undefined,
    countries: args.country ? args.country.split(',') : undefined,
    limit: args.json ? 1000 : (args.limit ?? 50),
  };
  if (args.json) {
    // --json prints every matching row, paging through the query the way the app does.
    const rows: PlanRow[] = [];
    for (let offset = 0; ; offset += 1000) {
      const page = queryGrid(db, { ...query, offset }, { currency });
      rows.push(...page.rows);
      if (rows.length >= page.total || page.rows.length === 0) break;
    }
    output.json(rows.map(jsonRow));
    return 0;
  }
  const page = queryGrid(db, query, { currency });
  if (page.total === 0) {
    output.out(args.search ? `No plans match "${args.search}".` : 'The grid is empty. Try `supplygrid sync --demo`.');
    return 0;
  }
  output.out(
    `${pad('Plan', 46)} ${pad('Best supplier', 16)} ${'Cost'.padStart(12)} ${'Sale'.padStart(10)} ${'Margin'.padStart(10)}  Suppliers`,
  );
  for (const row of page.rows) {
    output.out(
      `${pad(row.title.slice(0, 44), 46)} ${pad(row.best?.supplier ?? noBestReason(row), 16)} ${(row.bestCost?.amount ?? '—').padStart(12)} ${(row.salePrice?.amount ?? '—').padStart(10)} ${(row.margin?.amount ?? '—').padStart(10)}  ${row.offers.length}`,
    );
  }
  output.out(`${page.rows.length} of ${page.total} plans, prices in ${page.currency}`);
  return 0;
}

/** Why a row has no supplier to buy from: all sold out, or in stock but in a currency without a rate. */
function noBestReason(row: PlanRow): string {
  return row.offers.some((offer) => offer.stock.status !== 'out' && offer.converted === null)
    ? '(no exchange rate)'
    : '(none in stock)';
}

function jsonRow(row: PlanRow) {
  const attributes =
    row.attributes.type === 'plan'
      ? {
          countries: row.attributes.countries,
          dataMB: row.attributes.dataMB,
          unlimited: row.attributes.unlimited && row.attributes.dataMB === null,
          perDay: row.attributes.perDay,
          days: row.attributes.days,
        }
      : { name: row.attributes.name, faceValue: row.attributes.faceValue };
  return {
    id: row.id,
    planKey: row.planKey,
    kind: row.kind,
    title: row.title,
    attributes,
    offers: row.offers.map((o) => ({
      supplier: o.supplier,
      productId: o.productId,
      skuId: o.skuId,
      ...(o.variant ? { variant: o.variant } : {}),
      cost: o.cost,
      converted: o.converted,
      stock: o.stock,
    })),
    best: row.best
      ? {
          supplier: row.best.supplier,
          skuId: row.best.skuId,
          ...(row.best.variant ? { variant: row.best.variant } : {}),
        }
      : null,
    second: row.second
      ? {
          supplier: row.second.supplier,
          skuId: row.second.skuId,
          ...(row.second.variant ? { variant: row.second.variant } : {}),
        }
      : null,
    salePrice: row.salePrice,
    margin: row.margin,
    marginPercent: row.marginPercent,
    locked: row.locked,
    changes: row.changes,
  };
}

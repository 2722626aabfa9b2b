import type { Database } from 'better-sqlite3';
import { rateMap } from '../db/rates-repo';
import { merchantCurrency } from '../db/settings';
import { loadRuleSet } from '../pricing/rules-store';

/** A currency the grid cannot price the catalog in the way the merchant set it up; the message says how to fix it. */
export class GridCurrencyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GridCurrencyError';
  }
}

/**
 * Refuses a grid in another currency than the merchant's whose prices would silently be wrong (and which an
 * export would then publish):
 *  - an offer currency with no rate into that currency: the grid cannot price those offers, so their plans
 *    would read as sold out;
 *  - a currency the markup rules are not written in: the grid deliberately drops rules and locks rather than
 *    reinterpret them in another currency, so every price would be the bare cost.
 */
export function assertGridCurrency(db: Database, currency: string, suppliers: readonly string[] | null): void {
  const inScope = suppliers ? new Set(suppliers) : null;
  const offerCurrencies = new Set(
    (
      db.prepare('SELECT DISTINCT supplier_id, cost_currency FROM offers WHERE removed_at IS NULL').all() as Array<{
        supplier_id: string;
        cost_currency: string;
      }>
    )
      .filter((row) => !inScope || inScope.has(row.supplier_id))
      .map((row) => row.cost_currency),
  );
  const rates = rateMap(db, currency);
  const missing = [...offerCurrencies].filter((code) => code !== currency && !rates.has(code)).sort();
  const home = merchantCurrency(db);
  if (missing.length) {
    const remedy =
      currency === home
        ? `add ${missing.length === 1 ? 'it' : 'them'} under Pricing → Rates (or \`supplygrid rates set ${missing[0]}=…\`)`
        : `use ${home}, the currency rates are kept in`;
    throw new GridCurrencyError(
      `no exchange rate from ${missing.join(', ')} to ${currency}, so those offers could not be priced: ${remedy}`,
    );
  }
  if (currency === home) return;
  const homeRules = loadRuleSet(db, home);
  const exportRules = loadRuleSet(db, currency);
  const hasAny = (ruleSet: typeof homeRules) => ruleSet.rules.length + ruleSet.locks.length > 0;
  if (hasAny(homeRules) && !hasAny(exportRules)) {
    throw new GridCurrencyError(
      `the markup rules and locked prices are written in ${home}, so prices in ${currency} would be the bare cost: use ${home}`,
    );
  }
}

import type { Database } from 'better-sqlite3';
import type { CurrencyRate } from '../domain/currency';

export function listRates(db: Database, base: string): CurrencyRate[] {
  return db
    .prepare(
      'SELECT currency, per_unit AS perUnit, base, as_of AS asOf, source FROM currency_rates WHERE base = ? ORDER BY currency',
    )
    .all(base) as CurrencyRate[];
}

export function rateMap(db: Database, base: string): Map<string, CurrencyRate> {
  return new Map(listRates(db, base).map((rate) => [rate.currency, rate]));
}

/** Writes rates (replacing those of the same currency and base) in one transaction. */
export function saveRates(db: Database, rates: CurrencyRate[]): void {
  const upsert =
    db.prepare(`INSERT INTO currency_rates (currency, base, per_unit, as_of, source, updated_at) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (currency, base) DO UPDATE SET per_unit = excluded.per_unit, as_of = excluded.as_of, source = excluded.source, updated_at = excluded.updated_at`);
  const now = new Date().toISOString();
  db.transaction(() => {
    for (const rate of rates) upsert.run(rate.currency, rate.base, rate.perUnit, rate.asOf, rate.source, now);
  })();
}

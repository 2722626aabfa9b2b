import type { Database } from 'better-sqlite3';
import type { Money } from '../domain/money';

export interface StoredBalance extends Money {
  supplierId: string;
  checkedAt: string;
}

/** Keeps a supplier account's balance as just read; only a real amount replaces the last one. */
export function recordBalance(db: Database, supplierId: string, balance: Money, at: Date = new Date()): void {
  db.prepare(
    `INSERT INTO supplier_balances (supplier_id, amount, currency, checked_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (supplier_id) DO UPDATE SET amount = excluded.amount, currency = excluded.currency, checked_at = excluded.checked_at`,
  ).run(supplierId, balance.amount, balance.currency, at.toISOString());
}

export function listBalances(db: Database): StoredBalance[] {
  return (
    db
      .prepare('SELECT supplier_id, amount, currency, checked_at FROM supplier_balances ORDER BY supplier_id')
      .all() as Array<{
      supplier_id: string;
      amount: string;
      currency: string;
      checked_at: string;
    }>
  ).map((row) => ({
    supplierId: row.supplier_id,
    amount: row.amount,
    currency: row.currency,
    checkedAt: row.checked_at,
  }));
}

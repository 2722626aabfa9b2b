-- Each supplier account's balance as last read (after a sync, or when an order was quoted): what the balance alert
-- rule compares against. One row per connection; a read that failed leaves the last good one in place.
CREATE TABLE supplier_balances (
  supplier_id TEXT PRIMARY KEY,
  amount      TEXT NOT NULL,
  currency    TEXT NOT NULL,
  checked_at  TEXT NOT NULL
);

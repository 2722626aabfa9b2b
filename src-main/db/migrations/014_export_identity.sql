-- Each plan's identity in the merchant's stores (Shopify handle, WooCommerce SKU, Dujiao-Next slug), given once, at
-- the first export that writes the plan, and never changed afterwards: a re-import must update the same product,
-- even when a later sync brings a plan whose readable handle would be the same (that one gets the suffix).
CREATE TABLE export_handles (
  plan_key    TEXT PRIMARY KEY,
  handle      TEXT NOT NULL UNIQUE,
  assigned_at TEXT NOT NULL
) WITHOUT ROWID;

-- What the preflight found in the rows of each export (rows that would sell below cost, rows without a price) and
-- what the merchant chose to do with them; null for exports made before the preflight existed.
ALTER TABLE exports ADD COLUMN preflight_json TEXT;

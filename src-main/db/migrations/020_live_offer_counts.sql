-- Each supplier's live offers, counted: a commit needs the number it starts from (the hold rule weighs removals
-- against it), and COUNT(*) walks every live row of the supplier (46k offers: ~20 ms, every sync). Only the catalog
-- commit (db/catalog-repo.ts) writes offers, and it keeps this count in the same transaction.
CREATE TABLE live_offer_counts (
  supplier_id TEXT PRIMARY KEY,
  live        INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO live_offer_counts (supplier_id, live)
  SELECT supplier_id, COUNT(*) FROM offers WHERE removed_at IS NULL GROUP BY supplier_id;

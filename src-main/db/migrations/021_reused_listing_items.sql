-- A supplier whose protocol can only list everything (BillionConnect, Linksfield) still sends the same items, sync
-- after sync. Each offer now keeps the fingerprint of the listing item it was mapped from (its text and everything
-- its mapping read; suppliers/shared/item-fingerprint.ts): between full listings, an item whose fingerprint matches a
-- live offer's is not validated, mapped or staged again, and the commit keeps that item's offers as they are.
-- NULL: not known (suppliers that list incrementally, items that mapped with a skip); such items are always re-read.
-- Offers stored before this migration have none: the first sync after it writes each of their fingerprints once
-- (their content as before: no change is logged, but the grid refreshes their rows once).
ALTER TABLE offers ADD COLUMN item_fingerprint TEXT;
ALTER TABLE held_offers ADD COLUMN item_fingerprint TEXT;

-- The items a held listing reused as they were: applying it later must keep their offers, not remove them.
CREATE TABLE held_kept_items (
  run_id      INTEGER NOT NULL REFERENCES sync_runs (id),
  fingerprint TEXT NOT NULL,
  PRIMARY KEY (run_id, fingerprint)
) WITHOUT ROWID;

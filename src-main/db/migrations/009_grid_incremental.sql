-- The grid is patched after a sync instead of rebuilt: only rows touched by changed offers are materialized again.

-- Where each offer in the grid sits: the plan key it was grouped under when its row was last materialized. A changed
-- offer's old row is found here (its old title may have matched another plan than its new one).
CREATE TABLE plan_offers (
  supplier_id TEXT NOT NULL,
  product_id  TEXT NOT NULL,
  sku_id      TEXT NOT NULL,
  variant     TEXT NOT NULL,
  plan_key    TEXT NOT NULL,
  -- The offer as its row was materialized from (grid/materialize.ts GridInputOffer, as JSON): an untouched member of a
  -- touched row is taken from here instead of being read, parsed and extracted again from offers.
  member_json TEXT NOT NULL,
  -- A rowid table, not WITHOUT ROWID: member_json makes rows too wide for a clustered key (a full rebuild writes 100k).
  UNIQUE (supplier_id, product_id, sku_id, variant)
);
CREATE INDEX plan_offers_by_plan ON plan_offers (plan_key);

-- Offers whose plan row must be recomputed although the catalog did not change them (a manual link).
CREATE TABLE grid_pending_offers (
  id          INTEGER PRIMARY KEY,
  supplier_id TEXT NOT NULL,
  product_id  TEXT NOT NULL,
  sku_id      TEXT NOT NULL,
  variant     TEXT NOT NULL
);

-- "Changed in the last sync" badges, tagged with the sync run they come from. A row shows only the badges whose run is
-- still its supplier's latest successful one, so the next sync of a supplier retires its old badges without
-- rewriting every row they were on (after a first sync, that is every row).
CREATE TABLE plan_row_changes (
  plan_row_id INTEGER NOT NULL,
  run_id      INTEGER NOT NULL,
  change      TEXT NOT NULL,
  PRIMARY KEY (plan_row_id, run_id, change)
) WITHOUT ROWID;
CREATE INDEX plan_row_changes_by_run ON plan_row_changes (run_id, plan_row_id);

ALTER TABLE plan_rows DROP COLUMN changes;
-- A rule or lock that would sell at zero or below leaves the row unpriced; this says so (rule_id / locked say which).
ALTER TABLE plan_rows ADD COLUMN price_refused INTEGER NOT NULL DEFAULT 0;

-- A row is now deleted on its own, by id.
CREATE INDEX plan_countries_row ON plan_countries (plan_row_id);

-- Rows are now deleted one by one, which a contentless index allows only with contentless_delete.
DROP TABLE plan_search;
CREATE VIRTUAL TABLE plan_search USING fts5 (text, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2');

-- The search index was just emptied: make the next grid read rebuild everything.
DELETE FROM app_state WHERE key IN ('grid.builtFrom', 'grid.built');

-- A listing that would remove all of a supplier's offers, or more than the merchant's threshold, is held for review
-- instead of applied: the run is 'held' with why (held_json: {"code": "...", "params": {...}}, worded by the
-- renderer) and the counts its commit would have made; the listing itself is kept in held_offers/held_products so it
-- can be applied later exactly as it would have been. 'discarded' keeps a refused one in the history; resolved_at says
-- when a held run was applied or discarded. SQLite cannot widen a CHECK in place, so sync_runs is rebuilt with every
-- column 001 and 008 gave it; its changes are moved across with it so no foreign key ever points nowhere.
CREATE TABLE sync_runs_v11 (
  id            INTEGER PRIMARY KEY,
  supplier_id   TEXT NOT NULL,
  supplier_kind TEXT NOT NULL,
  started_at    TEXT NOT NULL,
  finished_at   TEXT,
  status        TEXT NOT NULL CHECK (status IN ('running', 'ok', 'failed', 'canceled', 'held', 'discarded')),
  offers        INTEGER NOT NULL DEFAULT 0,
  added         INTEGER NOT NULL DEFAULT 0,
  removed       INTEGER NOT NULL DEFAULT 0,
  changed       INTEGER NOT NULL DEFAULT 0,
  skipped       INTEGER NOT NULL DEFAULT 0,
  skipped_json  TEXT NOT NULL DEFAULT '[]',
  error         TEXT,
  mode          TEXT NOT NULL DEFAULT 'full' CHECK (mode IN ('full', 'incremental')),
  requests      INTEGER NOT NULL DEFAULT 0,
  throttled     INTEGER NOT NULL DEFAULT 0,
  wait_ms       INTEGER NOT NULL DEFAULT 0,
  bytes         INTEGER NOT NULL DEFAULT 0,
  fetch_ms      INTEGER,
  commit_ms     INTEGER,
  held_json     TEXT,
  resolved_at   TEXT
);

INSERT INTO sync_runs_v11 (id, supplier_id, supplier_kind, started_at, finished_at, status, offers, added, removed, changed, skipped,
    skipped_json, error, mode, requests, throttled, wait_ms, bytes, fetch_ms, commit_ms)
  SELECT id, supplier_id, supplier_kind, started_at, finished_at, status, offers, added, removed, changed, skipped,
    skipped_json, error, mode, requests, throttled, wait_ms, bytes, fetch_ms, commit_ms
  FROM sync_runs;

CREATE TABLE changes_v11 (
  id          INTEGER PRIMARY KEY,
  run_id      INTEGER NOT NULL REFERENCES sync_runs_v11 (id),
  supplier_id TEXT NOT NULL,
  product_id  TEXT NOT NULL,
  sku_id      TEXT NOT NULL,
  variant     TEXT NOT NULL DEFAULT '',
  change      TEXT NOT NULL CHECK (change IN ('added', 'removed', 'price_up', 'price_down', 'stock_changed', 'title_changed')),
  old_json    TEXT,
  new_json    TEXT
);
INSERT INTO changes_v11 (id, run_id, supplier_id, product_id, sku_id, variant, change, old_json, new_json)
  SELECT id, run_id, supplier_id, product_id, sku_id, variant, change, old_json, new_json FROM changes;

DROP TABLE changes;
DROP TABLE sync_runs;
-- Renaming the parent rewrites the child's REFERENCES to the new name.
ALTER TABLE sync_runs_v11 RENAME TO sync_runs;
ALTER TABLE changes_v11 RENAME TO changes;

CREATE INDEX sync_runs_by_supplier ON sync_runs (supplier_id, id);
CREATE INDEX sync_runs_ok_by_supplier ON sync_runs (supplier_id, mode, id) WHERE status = 'ok';
CREATE INDEX sync_runs_held ON sync_runs (supplier_id, id) WHERE status = 'held';
CREATE INDEX changes_by_run ON changes (run_id);
CREATE INDEX changes_by_offer ON changes (supplier_id, product_id, sku_id, variant);

-- A held run's listing, as the engine staged it (the columns of catalog-staging's OFFER_CONTENT_COLUMNS).
CREATE TABLE held_offers (
  run_id          INTEGER NOT NULL REFERENCES sync_runs (id),
  product_id      TEXT NOT NULL,
  sku_id          TEXT NOT NULL,
  variant         TEXT NOT NULL,
  kind            TEXT NOT NULL,
  titles_json     TEXT NOT NULL,
  category_json   TEXT,
  cost_amount     TEXT NOT NULL,
  cost_currency   TEXT NOT NULL,
  retail_json     TEXT,
  original_json   TEXT,
  stock_status    TEXT NOT NULL,
  stock_quantity  INTEGER,
  min_quantity    INTEGER,
  max_quantity    INTEGER,
  fulfillment_json TEXT NOT NULL,
  images_json     TEXT NOT NULL,
  plan_json       TEXT NOT NULL,
  orderable       INTEGER NOT NULL,
  raw_json        TEXT NOT NULL,
  PRIMARY KEY (run_id, product_id, sku_id, variant)
) WITHOUT ROWID;

-- The products a held 'changes' listing named ('listed') or reported deactivated ('removed').
CREATE TABLE held_products (
  run_id     INTEGER NOT NULL REFERENCES sync_runs (id),
  role       TEXT NOT NULL CHECK (role IN ('listed', 'removed')),
  product_id TEXT NOT NULL,
  PRIMARY KEY (run_id, role, product_id)
) WITHOUT ROWID;

-- Offers: one row per purchasable variant of one supplier connection. Rows are never deleted by a sync;
-- a vanished offer gets removed_at so its history (and orders pointing at it) stay readable.
CREATE TABLE offers (
  supplier_id     TEXT NOT NULL,
  product_id      TEXT NOT NULL,
  sku_id          TEXT NOT NULL,
  variant         TEXT NOT NULL DEFAULT '',
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
  first_seen      TEXT NOT NULL,
  last_seen       TEXT NOT NULL,
  removed_at      TEXT,
  PRIMARY KEY (supplier_id, product_id, sku_id, variant)
) WITHOUT ROWID;

CREATE INDEX offers_live ON offers (supplier_id) WHERE removed_at IS NULL;

CREATE TABLE sync_runs (
  id            INTEGER PRIMARY KEY,
  supplier_id   TEXT NOT NULL,
  supplier_kind TEXT NOT NULL,
  started_at    TEXT NOT NULL,
  finished_at   TEXT,
  status        TEXT NOT NULL CHECK (status IN ('running', 'ok', 'failed', 'canceled')),
  offers        INTEGER NOT NULL DEFAULT 0,
  added         INTEGER NOT NULL DEFAULT 0,
  removed       INTEGER NOT NULL DEFAULT 0,
  changed       INTEGER NOT NULL DEFAULT 0,
  skipped       INTEGER NOT NULL DEFAULT 0,
  skipped_json  TEXT NOT NULL DEFAULT '[]',
  error         TEXT
);

CREATE INDEX sync_runs_by_supplier ON sync_runs (supplier_id, id);

CREATE TABLE changes (
  id          INTEGER PRIMARY KEY,
  run_id      INTEGER NOT NULL REFERENCES sync_runs (id),
  supplier_id TEXT NOT NULL,
  product_id  TEXT NOT NULL,
  sku_id      TEXT NOT NULL,
  variant     TEXT NOT NULL DEFAULT '',
  change      TEXT NOT NULL CHECK (change IN ('added', 'removed', 'price_up', 'price_down', 'stock_changed', 'title_changed')),
  old_json    TEXT,
  new_json    TEXT
);

CREATE INDEX changes_by_run ON changes (run_id);
CREATE INDEX changes_by_offer ON changes (supplier_id, product_id, sku_id, variant);

-- Small app-wide values (demo generation counter, settings) that do not deserve a table of their own.
CREATE TABLE app_state (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

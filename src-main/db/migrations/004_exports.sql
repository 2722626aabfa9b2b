-- Every catalog export the merchant made: when, which preset, with what options, how many rows, and where to.
-- `file` is null when the CSV went to the UI as a download (the browser bridge has no save dialog).
CREATE TABLE exports (
  id           INTEGER PRIMARY KEY,
  created_at   TEXT NOT NULL,
  preset       TEXT NOT NULL,
  currency     TEXT NOT NULL,
  options_json TEXT NOT NULL,
  row_count    INTEGER NOT NULL,
  delivery     TEXT NOT NULL CHECK (delivery IN ('file', 'download')),
  file         TEXT
);

CREATE INDEX exports_by_preset ON exports (preset, id);

-- What each store last received, per plan row: the sale price and a readable fingerprint of price and stock
-- that the most recent export with that preset wrote for the plan key (plan keys survive grid rebuilds, row
-- ids do not). "Changes since the last export" compares the grid against the fingerprint; a sold-out plan,
-- which has no current price, is written with the price its store already has. One row per plan, so the
-- table never grows with the number of exports.
CREATE TABLE export_fingerprints (
  preset      TEXT NOT NULL,
  plan_key    TEXT NOT NULL,
  currency    TEXT NOT NULL,
  sale_price  TEXT,
  fingerprint TEXT NOT NULL,
  export_id   INTEGER NOT NULL REFERENCES exports (id),
  PRIMARY KEY (preset, plan_key)
) WITHOUT ROWID;

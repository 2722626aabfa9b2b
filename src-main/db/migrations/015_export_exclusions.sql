-- Plans the merchant keeps out of every export (a plan they do not sell, or not yet). Keyed by plan key, which
-- survives grid rebuilds (row ids do not); a key no longer in the grid simply matches nothing.
CREATE TABLE export_exclusions (
  plan_key   TEXT PRIMARY KEY,
  created_at TEXT NOT NULL
) WITHOUT ROWID;

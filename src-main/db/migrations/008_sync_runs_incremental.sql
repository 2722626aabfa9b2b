-- What each sync run cost and how it listed: 'full' (the whole catalog; absent offers are removed) or 'incremental'
-- (only products changed since the last ok run). Every run before this migration was a full listing.
-- requests, throttled, wait_ms and bytes are the change in the connection's request budget over the run (wait_ms:
-- time spent waiting for the supplier's request limit); fetch_ms covers fetching, waits included; commit_ms the one
-- transaction that stored it.
ALTER TABLE sync_runs ADD COLUMN mode TEXT NOT NULL DEFAULT 'full' CHECK (mode IN ('full', 'incremental'));
ALTER TABLE sync_runs ADD COLUMN requests INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sync_runs ADD COLUMN throttled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sync_runs ADD COLUMN wait_ms INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sync_runs ADD COLUMN bytes INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sync_runs ADD COLUMN fetch_ms INTEGER;
ALTER TABLE sync_runs ADD COLUMN commit_ms INTEGER;

-- For the incremental grid: every commit takes the next value of app_state 'catalog.seq' and stamps it on each offer
-- it inserted, changed (any stored column) or removed, and on the offers whose "last change" badge it replaced. The
-- grid rebuilds only rows holding offers stamped after the seq it was last built from. 0: never stamped.
ALTER TABLE offers ADD COLUMN grid_seq INTEGER NOT NULL DEFAULT 0;
CREATE INDEX offers_grid_seq ON offers (grid_seq);

-- The engine looks up the supplier's last ok run (and last ok full run) at every sync.
CREATE INDEX sync_runs_ok_by_supplier ON sync_runs (supplier_id, mode, id) WHERE status = 'ok';

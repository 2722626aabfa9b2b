-- Which process runs each sync, so that a process starting later can tell a run whose process was killed (closed as
-- interrupted) from one another process is running right now (left alone): the app, the CLI and a scheduled sync may
-- share this database. Filled by a per-connection TEMP trigger that db/open.ts creates (it knows the pid); a run
-- without a row (older versions, other tools) is only closed once it is far older than any sync may last.
-- No foreign key: a later rebuild of sync_runs (as 011 did) must not have to carry this table along.
CREATE TABLE sync_run_owners (
  run_id             INTEGER PRIMARY KEY,
  pid                INTEGER NOT NULL,
  host               TEXT NOT NULL,
  -- When the owning process started (ISO 8601): tells a reused pid (a container restarted) from the owner itself.
  process_started_at TEXT NOT NULL
);

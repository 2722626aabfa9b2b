-- Who may sync this database right now (issue 16): the background service (`supplygrid daemon`) holds the lock for as
-- long as it runs; the app takes it for the length of each of its syncs. At most one row. A holder refreshes
-- heartbeat_at; a lock whose process is gone (same host) or whose heartbeat is stale (another host, a shared folder)
-- is taken over.
CREATE TABLE sync_lock (
  id                 INTEGER PRIMARY KEY CHECK (id = 1),
  holder             TEXT NOT NULL CHECK (holder IN ('daemon', 'app')),
  pid                INTEGER NOT NULL,
  host               TEXT NOT NULL,
  process_started_at TEXT NOT NULL,
  acquired_at        TEXT NOT NULL,
  heartbeat_at       TEXT NOT NULL
);

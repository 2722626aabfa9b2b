-- `supplygrid sync` and `supplygrid restore` hold the sync lock under a name of their own, 'cli', so that whoever is
-- refused meanwhile (the app, the background service) is told the command-line tool is syncing, not the app. SQLite
-- cannot widen a CHECK in place: the table (one row at most) is made again.
CREATE TABLE sync_lock_new (
  id                 INTEGER PRIMARY KEY CHECK (id = 1),
  holder             TEXT NOT NULL CHECK (holder IN ('daemon', 'app', 'cli')),
  pid                INTEGER NOT NULL,
  host               TEXT NOT NULL,
  process_started_at TEXT NOT NULL,
  acquired_at        TEXT NOT NULL,
  heartbeat_at       TEXT NOT NULL
);
INSERT INTO sync_lock_new (id, holder, pid, host, process_started_at, acquired_at, heartbeat_at)
  SELECT id, holder, pid, host, process_started_at, acquired_at, heartbeat_at FROM sync_lock;
DROP TABLE sync_lock;
ALTER TABLE sync_lock_new RENAME TO sync_lock;

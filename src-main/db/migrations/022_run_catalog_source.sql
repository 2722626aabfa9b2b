-- Which upstream catalog a run listed: the connection's kind, address and account, hashed (sync/catalog-source.ts).
-- A listing of what changed since the last run means something only against the catalog that run read: once the
-- merchant points a connection at another shop or account, the next sync lists in full. NULL: runs recorded before
-- this, or by callers that do not say; a run that does say lists in full once after one that did not.
ALTER TABLE sync_runs ADD COLUMN source TEXT;

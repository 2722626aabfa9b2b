-- How far the supplier's clock ran ahead of ours during a run (milliseconds; negative: behind), as its answers showed.
-- The next listing of changes asks for what the supplier stamped since this run began, by the supplier's clock: a
-- merchant's clock minutes off would otherwise skip or re-list the changes of those minutes. NULL: runs recorded before
-- this, or suppliers whose clock we never learn (taken as ours).
ALTER TABLE sync_runs ADD COLUMN clock_offset_ms INTEGER;

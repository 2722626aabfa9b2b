-- What a run learnt of the supplier beside its items, for the next listing of changes (sync/engine.ts).
-- clock_offset_ms: how far the supplier's clock ran ahead of ours (milliseconds; negative: behind), as its answers
-- showed. The next listing of changes asks for what the supplier stamped since this run began, by the supplier's clock:
-- a merchant's clock minutes off would otherwise skip or re-list the changes of those minutes. NULL: taken as ours.
-- mapping_fingerprint: what the listing's mapping read besides the items (Dujiao-Next: its categories), fingerprinted.
-- A product's updated_at does not move when its category is renamed: a listing of changes that finds the fingerprint
-- moved lists in full. NULL: unknown (the next listing of changes lists in full).
ALTER TABLE sync_runs ADD COLUMN clock_offset_ms INTEGER;
ALTER TABLE sync_runs ADD COLUMN mapping_fingerprint TEXT;

-- Sorting by name is case-insensitive and natural ("Japan 5GB" before "Japan 10GB"): each title gets a key whose plain
-- byte order is that order (see domain/sort-key.ts), so the sort stays an index walk on 100k rows.
ALTER TABLE plan_rows ADD COLUMN title_en_key TEXT NOT NULL DEFAULT '';
ALTER TABLE plan_rows ADD COLUMN title_zh_key TEXT NOT NULL DEFAULT '';
CREATE INDEX plan_rows_title_en_key ON plan_rows (title_en_key);
CREATE INDEX plan_rows_title_zh_key ON plan_rows (title_zh_key);

-- The new columns are empty until the rows are written again.
DELETE FROM app_state WHERE key IN ('grid.builtFrom', 'grid.built');

-- Exchange rates into the merchant's currency: value of 1 unit of `currency` in `base`, with date and source.
CREATE TABLE currency_rates (
  currency   TEXT NOT NULL,
  base       TEXT NOT NULL,
  per_unit   TEXT NOT NULL,
  as_of      TEXT NOT NULL,
  source     TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (currency, base)
);

-- The merchant's own say over matching: an offer put into a plan row by hand (or taken out of one, with a
-- 'solo:' key). Keyed by the offer's identity, not by any row id, so it survives every sync.
CREATE TABLE plan_links (
  supplier_id TEXT NOT NULL,
  product_id  TEXT NOT NULL,
  sku_id      TEXT NOT NULL,
  variant     TEXT NOT NULL DEFAULT '',
  plan_key    TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  PRIMARY KEY (supplier_id, product_id, sku_id, variant)
);

-- The grid, materialized: one row per plan (the same plan from every supplier), priced in one currency.
-- Rebuilt as a whole after a sync or a change of rules, rates or links; amounts are exact decimal strings,
-- and *_micros columns are the same amounts as integers (× 10^6) so SQLite can sort and filter on them.
CREATE TABLE plan_rows (
  id               INTEGER PRIMARY KEY,
  plan_key         TEXT NOT NULL UNIQUE,
  kind             TEXT NOT NULL,
  title_en         TEXT NOT NULL,
  title_zh         TEXT NOT NULL,
  attributes_json  TEXT NOT NULL,
  days             INTEGER,
  data_mb          INTEGER,
  offers_json      TEXT NOT NULL,
  supplier_count   INTEGER NOT NULL,
  in_stock         INTEGER NOT NULL,
  best_json        TEXT,
  second_json      TEXT,
  currency         TEXT NOT NULL,
  best_cost        TEXT,
  best_cost_micros INTEGER,
  sale_price       TEXT,
  sale_micros      INTEGER,
  margin           TEXT,
  margin_micros    INTEGER,
  margin_pct_milli INTEGER,
  rule_id          TEXT,
  locked           INTEGER NOT NULL DEFAULT 0,
  changes          TEXT NOT NULL DEFAULT ''
);

CREATE INDEX plan_rows_title_en ON plan_rows (title_en);
CREATE INDEX plan_rows_title_zh ON plan_rows (title_zh);
CREATE INDEX plan_rows_best_cost ON plan_rows (best_cost_micros);
CREATE INDEX plan_rows_sale ON plan_rows (sale_micros);
CREATE INDEX plan_rows_margin ON plan_rows (margin_micros);
CREATE INDEX plan_rows_margin_pct ON plan_rows (margin_pct_milli);

CREATE TABLE plan_members (
  plan_row_id INTEGER NOT NULL,
  supplier_id TEXT NOT NULL,
  kind        TEXT NOT NULL,
  stock       TEXT NOT NULL
);
CREATE INDEX plan_members_supplier ON plan_members (supplier_id, plan_row_id);
CREATE INDEX plan_members_row ON plan_members (plan_row_id);

CREATE TABLE plan_countries (
  plan_row_id INTEGER NOT NULL,
  country     TEXT NOT NULL
);
CREATE INDEX plan_countries_country ON plan_countries (country, plan_row_id);

-- Every title of every offer in a row, folded by searchText(): width, case, Traditional→Simplified, CJK per character.
CREATE VIRTUAL TABLE plan_search USING fts5 (text, content = '', tokenize = 'unicode61 remove_diacritics 2');

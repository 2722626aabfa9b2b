-- Alerts (issue 16). Every alert raised, with what it is about and where it was delivered (deliveries_json:
-- {"desktop": "sent", "webhook": "sent" | "failed: …" | "rate_limited", …}); read_at once the merchant has seen it.
CREATE TABLE alerts (
  id              INTEGER PRIMARY KEY,
  created_at      TEXT NOT NULL,
  rule_id         TEXT NOT NULL,
  type            TEXT NOT NULL,
  condition_key   TEXT NOT NULL,
  subject_kind    TEXT NOT NULL,
  subject_id      TEXT NOT NULL,
  params_json     TEXT NOT NULL,
  external        INTEGER NOT NULL DEFAULT 0,
  deliveries_json TEXT NOT NULL DEFAULT '{}',
  read_at         TEXT
);
CREATE INDEX alerts_unread ON alerts (id) WHERE read_at IS NULL;
CREATE INDEX alerts_external_by_time ON alerts (created_at) WHERE external = 1;

-- The conditions alerted and still true: one alert per condition until it clears (then it is deleted here).
CREATE TABLE alert_conditions (
  condition_key TEXT PRIMARY KEY,
  rule_id       TEXT NOT NULL,
  type          TEXT NOT NULL,
  subject_kind  TEXT NOT NULL,
  subject_id    TEXT NOT NULL,
  params_json   TEXT NOT NULL,
  since         TEXT NOT NULL
) WITHOUT ROWID;

-- Refunds are states of their own (refunded, partially_refunded) with the amount given back, and an order in
-- attention keeps why as a code and its parameters (worded by the renderer). SQLite cannot widen a CHECK in place,
-- so the orders table is rebuilt; its events are moved across with it so no foreign key ever points nowhere.
CREATE TABLE orders_v10 (
  id                INTEGER PRIMARY KEY,
  idempotency_key   TEXT NOT NULL UNIQUE,
  supplier_id       TEXT NOT NULL,
  supplier_kind     TEXT NOT NULL,
  product_id        TEXT NOT NULL,
  sku_id            TEXT NOT NULL,
  variant           TEXT NOT NULL DEFAULT '',
  offer_kind        TEXT NOT NULL,
  title             TEXT NOT NULL,
  quantity          INTEGER NOT NULL CHECK (quantity >= 1),
  expected_amount   TEXT NOT NULL,
  expected_currency TEXT NOT NULL,
  cap_amount        TEXT,
  cap_currency      TEXT,
  cap_day           TEXT NOT NULL,
  email             TEXT,
  buyer_input_json  TEXT,
  status            TEXT NOT NULL CHECK (status IN ('pending', 'processing', 'delivered', 'failed', 'canceled', 'refunded', 'partially_refunded', 'attention')),
  upstream_order_id TEXT,
  upstream_status   TEXT,
  charged_amount    TEXT,
  charged_currency  TEXT,
  delivery_json     TEXT,
  error             TEXT,
  send_attempts     INTEGER NOT NULL DEFAULT 0,
  last_sent_at      TEXT,
  acknowledged_at   TEXT,
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL,
  finished_at       TEXT,
  connection_fingerprint TEXT,
  refunded_amount   TEXT,
  refunded_currency TEXT,
  -- {"code": "...", "params": {...}} while the order is in attention for a known reason.
  attention_json    TEXT
);

INSERT INTO orders_v10 (id, idempotency_key, supplier_id, supplier_kind, product_id, sku_id, variant, offer_kind, title, quantity, expected_amount,
    expected_currency, cap_amount, cap_currency, cap_day, email, buyer_input_json, status, upstream_order_id, upstream_status, charged_amount,
    charged_currency, delivery_json, error, send_attempts, last_sent_at, acknowledged_at, created_at, updated_at, finished_at, connection_fingerprint)
  SELECT id, idempotency_key, supplier_id, supplier_kind, product_id, sku_id, variant, offer_kind, title, quantity, expected_amount,
    expected_currency, cap_amount, cap_currency, cap_day, email, buyer_input_json, status, upstream_order_id, upstream_status, charged_amount,
    charged_currency, delivery_json, error, send_attempts, last_sent_at, acknowledged_at, created_at, updated_at, finished_at, connection_fingerprint
  FROM orders;

CREATE TABLE order_events_v10 (
  id              INTEGER PRIMARY KEY,
  order_id        INTEGER NOT NULL REFERENCES orders_v10 (id),
  at              TEXT NOT NULL,
  status          TEXT NOT NULL,
  upstream_status TEXT,
  note            TEXT
);
INSERT INTO order_events_v10 (id, order_id, at, status, upstream_status, note) SELECT id, order_id, at, status, upstream_status, note FROM order_events;

DROP TABLE order_events;
DROP TABLE orders;
-- Renaming the parent rewrites the child's REFERENCES to the new name.
ALTER TABLE orders_v10 RENAME TO orders;
ALTER TABLE order_events_v10 RENAME TO order_events;

CREATE INDEX orders_open ON orders (supplier_id) WHERE status IN ('pending', 'processing');
CREATE INDEX orders_by_cap_day ON orders (cap_day);
CREATE INDEX order_events_by_order ON order_events (order_id, id);

-- Test orders placed with suppliers. A row is written BEFORE its request is sent, so a timeout or a crash is
-- always resolved by asking about (or re-sending) the same idempotency key, never by a second order.
CREATE TABLE orders (
  id                INTEGER PRIMARY KEY,
  -- Sent as the supplier's own idempotency field (downstream_order_no, mch_order_id, channelOrderId, …).
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
  -- The expected cost in the merchant's currency when ordered, and the local day it counts against the daily cap.
  cap_amount        TEXT,
  cap_currency      TEXT,
  cap_day           TEXT NOT NULL,
  email             TEXT,
  buyer_input_json  TEXT,
  status            TEXT NOT NULL CHECK (status IN ('pending', 'processing', 'delivered', 'failed', 'canceled', 'attention')),
  upstream_order_id TEXT,
  upstream_status   TEXT,
  charged_amount    TEXT,
  charged_currency  TEXT,
  -- As delivered, secrets included (activation code, PIN); the API masks them unless asked to reveal.
  delivery_json     TEXT,
  error             TEXT,
  -- Counted up just before each send: 0 means the request certainly never left this machine.
  send_attempts     INTEGER NOT NULL DEFAULT 0,
  last_sent_at      TEXT,
  -- When the supplier first answered about this order: from then on it is only ever queried, never re-sent.
  acknowledged_at   TEXT,
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL,
  finished_at       TEXT
);

CREATE INDEX orders_open ON orders (supplier_id) WHERE status IN ('pending', 'processing');
CREATE INDEX orders_by_cap_day ON orders (cap_day);

-- Every status change and note, in order: the order's timeline.
CREATE TABLE order_events (
  id              INTEGER PRIMARY KEY,
  order_id        INTEGER NOT NULL REFERENCES orders (id),
  at              TEXT NOT NULL,
  status          TEXT NOT NULL,
  upstream_status TEXT,
  note            TEXT
);

CREATE INDEX order_events_by_order ON order_events (order_id, id);

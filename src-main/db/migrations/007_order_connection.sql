-- Which connection an order was placed through (a hash of its kind and non-secret settings: host, account). An
-- unfinished order is only ever sent or looked up again through that same connection, never through another one
-- that happens to have taken the same supplier id.
ALTER TABLE orders ADD COLUMN connection_fingerprint TEXT;

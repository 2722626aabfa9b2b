-- The markup a merchant starts with (until they save rules of their own) is now sized for their currency: under
-- ¥1,000 rather than under ¥5. Merchants pricing with it in another currency than the dollar get new prices, so the
-- grid reprices once (prices only: nothing about matching changed).
INSERT INTO app_state (key, value) VALUES ('grid.pricesVersion', '1')
  ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1;

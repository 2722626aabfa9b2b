-- The starting markup of a currency the built-in sample rates do not know (the dinar, the rupee) is now sized through
-- the merchant's own rates instead of keeping the dollar's numbers (under 5, 20 and over): merchants pricing with it
-- get new prices, so the grid reprices once (prices only: nothing about matching changed).
INSERT INTO app_state (key, value) VALUES ('grid.pricesVersion', '1')
  ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1;

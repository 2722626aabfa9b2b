-- Which process is sending an order, and until when it holds it (orders/service.ts): renewed while the send lasts,
-- cleared when it ends. Another process on the data folder (the app, the CLI, the background service) neither sends
-- nor re-sends the order while it is held: two sends of one key at once are what a check-then-insert de-duplication
-- (Dujiao-Next) can turn into two charged orders. A hold whose process is gone (db/run-owners.ts ownerMayBeAlive), or
-- that lapsed, holds nothing. NULL: nobody is sending it.
ALTER TABLE orders ADD COLUMN sending_until TEXT;
-- {"pid", "host", "processStartedAt"} of the process sending it.
ALTER TABLE orders ADD COLUMN sending_owner_json TEXT;

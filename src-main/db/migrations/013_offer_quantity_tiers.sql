-- Lower unit prices from a minimum quantity on (Dujiao-Next's wholesale_prices), as JSON [{minQuantity, unitPrice}]
-- sorted by threshold; NULL when the supplier publishes none. Part of an offer's content: a change of tiers alone is
-- written by the next sync. Held listings carry it too, so applying one later keeps the tiers it was listed with.
ALTER TABLE offers ADD COLUMN tiers_json TEXT;
ALTER TABLE held_offers ADD COLUMN tiers_json TEXT;

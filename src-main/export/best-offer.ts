import type { GridOffer, PlanRow } from '../../src-shared/grid-types';

/** The offer the merchant buys a row from (the grid's best), with its costs and titles; null when sold out. */
export function bestOffer(row: PlanRow): GridOffer | null {
  const best = row.best;
  if (!best) return null;
  return (
    row.offers.find(
      (o) =>
        o.supplier === best.supplier &&
        o.productId === best.productId &&
        o.skuId === best.skuId &&
        o.variant === best.variant,
    ) ?? null
  );
}

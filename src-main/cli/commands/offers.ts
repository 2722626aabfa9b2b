import type { Database } from 'better-sqlite3';
import { listLiveOffers } from '../../db/catalog-repo';
import { displayTitle } from '../../domain/locale';
import { pad, type Output } from '../output';

export interface OffersArgs {
  supplier?: string;
  json?: boolean;
  lang?: string;
}

export function offersCommand(db: Database, args: OffersArgs, output: Output): number {
  const offers = listLiveOffers(db, args.supplier);
  if (args.json) {
    output.json(
      offers.map((o) => ({
        supplier: o.supplierId,
        productId: o.productId,
        skuId: o.skuId,
        ...(o.variant ? { variant: o.variant } : {}),
        kind: o.kind,
        titles: o.titles,
        category: o.category,
        cost: o.cost,
        retailPrice: o.retailPrice,
        originalPrice: o.originalPrice,
        stock: o.stock,
        minQuantity: o.minQuantity,
        maxQuantity: o.maxQuantity,
        fulfillment: o.fulfillment,
        images: o.images,
        plan: o.plan,
        orderable: o.orderable,
        firstSeen: o.firstSeen,
        lastSeen: o.lastSeen,
      })),
    );
    return 0;
  }
  if (offers.length === 0) {
    output.out(
      args.supplier ? `No current offers from ${args.supplier}.` : 'No offers yet. Try `supplygrid sync --demo`.',
    );
    return 0;
  }
  for (const o of offers) {
    const stock = o.stock.quantity === null ? o.stock.status : `${o.stock.status} ${o.stock.quantity}`;
    output.out(
      `${pad(o.supplierId, 14)} ${pad(o.kind, 14)} ${pad(displayTitle(o.titles, args.lang ?? 'en'), 48)} ${`${o.cost.amount} ${o.cost.currency}`.padStart(14)}  ${stock}`,
    );
  }
  output.out(`${offers.length} offers`);
  return 0;
}

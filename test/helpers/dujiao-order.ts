import type { OrderRequest } from '../../src-main/suppliers/adapter';
import type { DujiaoSimulator } from '../../src-main/suppliers/dujiao-next/sim';

/** An order of one unit of the simulator's first automatically delivered, in-stock SKU, at its listed price. */
export function autoDeliveredOrder(sim: DujiaoSimulator, idempotencyKey: string): OrderRequest {
  const inStock = (sku: { is_active: boolean; stock_quantity: number }) => sku.is_active && sku.stock_quantity !== 0;
  const product = sim.server
    .catalog()
    .products.find((p) => p.is_active && p.fulfillment_type === 'auto' && p.skus.some(inStock))!;
  const sku = product.skus.find(inStock)!;
  return {
    productId: String(product.id),
    skuId: String(sku.id),
    variant: '',
    quantity: 1,
    idempotencyKey,
    expectedCost: { amount: sku.price_amount, currency: 'CNY' },
  };
}

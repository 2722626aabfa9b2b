import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanTiers, costForQuantity, unitCostFor, type QuantityTier } from '../../src-main/domain/quantity-tiers';
import type { SimProduct, SimWholesaleTier } from '../../src-main/suppliers/dujiao-next/sim/seed';
import { skuTiers } from '../../src-main/suppliers/dujiao-next/map';
import { serverUnitPrice } from '../../src-main/suppliers/dujiao-next/sim/orders';

const cents = fc.integer({ min: 1, max: 100_000 }).map((n) => (n / 100).toFixed(2));
const tierArb: fc.Arbitrary<QuantityTier> = fc.record({
  minQuantity: fc.integer({ min: -2, max: 60 }),
  unitPrice: fc.oneof(cents, fc.constant('0.00')).map((amount) => ({ amount, currency: 'CNY' })),
});

describe('quantity tiers', () => {
  it('never charge more per unit than the base cost, and never more for a larger order', () => {
    fc.assert(
      fc.property(
        cents,
        fc.array(tierArb, { maxLength: 6 }),
        fc.integer({ min: 1, max: 80 }),
        (base, raw, quantity) => {
          const tiers = cleanTiers(raw);
          const unit = unitCostFor({ amount: base, currency: 'CNY' }, tiers, quantity);
          const larger = unitCostFor({ amount: base, currency: 'CNY' }, tiers, quantity + 1);
          expect(new Decimal(unit.amount).lessThanOrEqualTo(base)).toBe(true);
          expect(new Decimal(larger.amount).lessThanOrEqualTo(unit.amount)).toBe(true);
          const total = costForQuantity({ amount: base, currency: 'CNY' }, tiers, quantity);
          expect(new Decimal(total.amount).equals(new Decimal(unit.amount).times(quantity))).toBe(true);
        },
      ),
    );
  });

  it('keep only tiers that can apply, one per threshold, sorted', () => {
    expect(
      cleanTiers([
        { minQuantity: 10, unitPrice: { amount: '4.00', currency: 'CNY' } },
        { minQuantity: 0, unitPrice: { amount: '1.00', currency: 'CNY' } },
        { minQuantity: 5, unitPrice: { amount: '0', currency: 'CNY' } },
        { minQuantity: 10, unitPrice: { amount: '3.90', currency: 'CNY' } },
        { minQuantity: 2, unitPrice: { amount: '4.80', currency: 'CNY' } },
      ]),
    ).toEqual([
      { minQuantity: 2, unitPrice: { amount: '4.80', currency: 'CNY' } },
      { minQuantity: 10, unitPrice: { amount: '3.90', currency: 'CNY' } },
    ]);
  });

  it('a tier priced at or above the base is not a surcharge', () => {
    const tiers = [{ minQuantity: 3, unitPrice: { amount: '6.00', currency: 'CNY' } }];
    expect(unitCostFor({ amount: '5.00', currency: 'CNY' }, tiers, 5)).toEqual({ amount: '5.00', currency: 'CNY' });
  });
});

/**
 * The client's reading of Dujiao-Next's tiers (map.ts + unitCostFor) against the simulator's (written apart from the
 * server's source): for any tiers and SKU, both charge the same unit price.
 */
describe('Dujiao-Next tiers: client and simulator agree', () => {
  const wholesaleArb: fc.Arbitrary<SimWholesaleTier> = fc.record({
    sku_id: fc.option(fc.constantFrom(1, 2, 3), { nil: undefined }),
    sku_code: fc.option(fc.constantFrom('A', 'a', 'B', ' b ', ''), { nil: undefined }),
    min_quantity: fc.integer({ min: -1, max: 30 }),
    unit_price: fc.oneof(cents, fc.constant('0.00')),
  });

  it('charges the same unit price for every SKU and quantity', () => {
    fc.assert(
      fc.property(
        fc.array(wholesaleArb, { maxLength: 6 }),
        fc.constantFrom(1, 2, 3),
        fc.constantFrom('A', 'B', 'C'),
        cents,
        fc.integer({ min: 1, max: 40 }),
        (wholesale, skuId, skuCode, price, quantity) => {
          const sku = {
            id: skuId,
            sku_code: skuCode,
            spec_values: {},
            price_amount: price,
            stock_quantity: 100,
            is_active: true,
          };
          const product = { wholesale_prices: wholesale, skus: [sku] } as unknown as SimProduct;
          const client = unitCostFor({ amount: price, currency: 'CNY' }, skuTiers(wholesale, sku, 'CNY'), quantity);
          expect(new Decimal(client.amount).toFixed(2)).toBe(serverUnitPrice(product, sku, quantity));
        },
      ),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { mapCardType, mapMobileProduct } from '../../../src-main/suppliers/seagm/map';
import {
  cardCategorySchema,
  cardTypeSchema,
  countrySchema,
  mobileProductSchema,
  operatorSchema,
} from '../../../src-main/suppliers/seagm/schemas';

// Written against the mutants StrykerJS left alive in seagm/map.ts (`npm run mutation`): order limits, the face
// value read from an airtime description, and the validity in days.
const cardCategory = cardCategorySchema.parse({
  id: 1,
  name: 'Cubizone Cubicards (MY)',
  code: 'cubizone-cubicards-my',
  mode: 'pin',
  region: '',
  publisher: '',
  auto_delivery: true,
});
const cardType = {
  id: 49,
  name: 'Cubizone 1000 Cubits',
  category_id: 1,
  category_name: 'Cubizone Cubicards (MY)',
  par_value_currency: 'MYR',
  par_value: 100,
  currency: 'MYR',
  unit_price: 100,
  max_amount: 100,
  min_amount: 1,
  origin_price: 100,
  discount_rate: 0,
  has_stock: true,
};
const card = (patch: Record<string, unknown>) =>
  mapCardType(cardTypeSchema.parse({ ...cardType, ...patch }), cardCategory)[0];

const country = countrySchema.parse({ id: 12, icon: '', code: 'id', name: 'Indonesia', calling_code: '62' });
const operator = operatorSchema.parse({
  id: 196,
  logo: '',
  name: 'XL Indonesia',
  code: 'XL-Indonesia',
  country_name: 'Indonesia',
  country_code: 'id',
});
const airtime = {
  product_id: 4525,
  product_name: '50000 IDR Credits',
  product_type: 'airtime',
  product_desc: '50000 IDR',
  currency: 'MYR',
  origin_price: 24.16,
  discount_rate: 2,
  unit_price: 23.68,
  validity: '45 Days',
  local_tax: '0',
  local_received: '50000 IDR Credits',
};
const mobile = (patch: Record<string, unknown>, group: 'airtime' | 'data' | 'bundle' = 'airtime') =>
  mapMobileProduct(mobileProductSchema.parse({ ...airtime, ...patch }), group, operator, country)[0];

describe('SEAGM order limits', () => {
  it('a minimum equal to the maximum is a fixed quantity, not an error', () => {
    expect(card({ min_amount: 5, max_amount: 5 })).toMatchObject({ minQuantity: 5, maxQuantity: 5 });
  });

  it('a limit of 0 means no limit', () => {
    expect(card({ min_amount: 0, max_amount: 0 })).toMatchObject({ minQuantity: null, maxQuantity: null });
    expect(card({ min_amount: 3, max_amount: 0 })).toMatchObject({ minQuantity: 3, maxQuantity: null });
  });

  it('the goods are orderable and keep the upstream item for reference', () => {
    const offer = card({});
    expect(offer.orderable).toBe(true);
    expect(offer.images).toEqual([]);
    expect(offer.raw).toMatchObject({ type: { name: 'Cubizone 1000 Cubits' } });
  });
});

describe('SEAGM airtime face value', () => {
  it('reads "50000 IDR" and "IDR 100000.00", nothing with more words around it', () => {
    expect(mobile({ product_desc: '50000 IDR' }).plan.faceValue).toEqual({ amount: '50000', currency: 'IDR' });
    expect(mobile({ product_desc: ' IDR 100000.50 ' }).plan.faceValue).toEqual({
      amount: '100000.50',
      currency: 'IDR',
    });
    expect(mobile({ product_desc: '50000 IDR bonus' }).plan.faceValue).toBeNull();
    expect(mobile({ product_desc: 'Get 50000 IDR' }).plan.faceValue).toBeNull();
    expect(mobile({ product_desc: 'IDR 100000.' }).plan.faceValue).toBeNull();
    expect(mobile({ product_desc: 'Bonus IDR 5000' }).plan.faceValue).toBeNull();
    expect(mobile({ product_desc: '50000 IDR x' }).plan.faceValue).toBeNull();
  });

  it('a face value of zero is no face value', () => {
    expect(mobile({ product_desc: '0 IDR' }).plan.faceValue).toBeNull();
    expect(mobile({ product_desc: 'IDR 0.00' }).plan.faceValue).toBeNull();
  });

  it('only airtime states a face value; a data plan described the same way does not', () => {
    expect(mobile({ product_desc: '50000 IDR' }, 'data').plan.faceValue).toBeNull();
  });
});

describe('SEAGM validity', () => {
  it('reads "45 Days", "1 day", "7days"; anything else is no stated validity', () => {
    expect(mobile({ validity: '45 Days' }).plan.days).toBe(45);
    expect(mobile({ validity: '1 day' }).plan.days).toBe(1);
    expect(mobile({ validity: '7days' }).plan.days).toBe(7);
    expect(mobile({ validity: ' 30 days ' }).plan.days).toBe(30);
    expect(mobile({ validity: 'Up to 30 days' }).plan.days).toBeNull();
    expect(mobile({ validity: '30 days after activation' }).plan.days).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { mapCardType, mapMobileProduct, mapRechargeType } from '../../../src-main/suppliers/seagm/map';
import {
  cardCategorySchema,
  cardTypeSchema,
  countrySchema,
  mobileProductSchema,
  operatorSchema,
  rechargeCategorySchema,
  rechargeTypeSchema,
} from '../../../src-main/suppliers/seagm/schemas';
import { mapPageItems } from '../../../src-main/suppliers/shared/validate-items';
import { inEnglish, inEnglishMatching, skippedInEnglish } from '../../helpers/in-english';

// Items below are the doc's own response examples, field for field, unless a test says otherwise.
const cardCategory = cardCategorySchema.parse({
  id: 1,
  name: 'Cubizone Cubicards (MY)',
  code: 'cubizone-cubicards-my',
  mode: 'pin',
  region: '',
  publisher: '',
  auto_delivery: true,
});
const docCardType = {
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
const rechargeCategory = rechargeCategorySchema.parse({
  id: 634,
  name: '多玩游戏平台直充',
  code: 'duo-wan-direct-top-up',
  auto_delivery: false,
});
const docRechargeType = {
  id: 2987,
  name: '多玩游戏平台_90Y币_100元(直充)',
  category_id: 634,
  par_value_currency: 'CNY',
  par_value: '100.00',
  currency: 'MYR',
  unit_price: 60.28,
  max_amount: 10,
  min_amount: 1,
  origin_price: 60.28,
  discount_rate: 0,
  fields: [
    {
      name: 'charge_account',
      type: 'input',
      label: '玩家账号',
      multiline: false,
      placeholder: 'Please enter 玩家账号',
      prefix: '',
      position: 1,
    },
  ],
};
const country = countrySchema.parse({
  id: 12,
  icon: 'https://seagm-media.seagmcdn.com/mobile-recharge/region/flag-id.svg',
  code: 'id',
  name: 'Indonesia',
  calling_code: '62',
});
const operator = operatorSchema.parse({
  id: 196,
  logo: 'https://seagm-media.seagmcdn.com/mobile-recharge/operator/logo-XL-Indonesia.png',
  name: 'XL Indonesia',
  code: 'XL-Indonesia',
  country_name: 'Indonesia',
  country_code: 'id',
});

const cardPage = (items: unknown[]) =>
  mapPageItems(
    items,
    cardTypeSchema,
    (t) => mapCardType(t, cardCategory),
    (_raw, i) => `item ${i + 1}`,
  );
const rechargePage = (items: unknown[]) =>
  mapPageItems(
    items,
    rechargeTypeSchema,
    (t) => mapRechargeType(t, rechargeCategory),
    (_raw, i) => `item ${i + 1}`,
  );

describe('SEAGM card types', () => {
  it('map to card offers keyed by category and type, priced in their own currency', () => {
    const [offer] = cardPage([docCardType]).offers;
    expect(offer).toMatchObject({
      productId: '1',
      skuId: '49',
      variant: '',
      kind: 'card',
      titles: { en: 'Cubizone 1000 Cubits' },
      category: { id: 'card-category:1', path: [{ id: 'card-category:1', names: { en: 'Cubizone Cubicards (MY)' } }] },
      cost: { amount: '100', currency: 'MYR' },
      originalPrice: { amount: '100', currency: 'MYR' },
      retailPrice: null,
      stock: { status: 'in_stock', quantity: null },
      minQuantity: 1,
      maxQuantity: 100,
      fulfillment: { mode: 'auto', inputFields: [] },
      plan: { faceValue: { amount: '100', currency: 'MYR' } },
      orderable: true,
    });
  });

  it('say out of stock without a count, and keep float prices as the decimals they were written as', () => {
    const [offer] = cardPage([
      { ...docCardType, has_stock: false, unit_price: 38.73, origin_price: 39.52, currency: 'usd' },
    ]).offers;
    expect(offer.stock).toEqual({ status: 'out', quantity: null });
    expect(offer.cost).toEqual({ amount: '38.73', currency: 'USD' });
    expect(offer.originalPrice).toEqual({ amount: '39.52', currency: 'USD' });
  });

  it('skip a malformed item with its reason and keep the rest', () => {
    const page = cardPage([
      docCardType,
      { ...docCardType, id: 50, unit_price: 'cheap' },
      { ...docCardType, id: 51 },
      { ...docCardType, id: 52, currency: undefined },
      { ...docCardType, id: 53 },
    ]);
    expect(page.offers.map((o) => o.skuId)).toEqual(['49', '51', '53']);
    expect(skippedInEnglish(page.skipped)).toEqual([
      {
        where: 'item 2',
        reason: 'field unit_price: not a decimal amount: "cheap"',
        productId: expect.any(String),
      },
      { where: 'item 4', reason: 'field currency: missing', productId: expect.any(String) },
    ]);
  });

  it('refuse a zero price and a maximum below the minimum', () => {
    const page = cardPage([
      docCardType,
      { ...docCardType, id: 50, unit_price: 0 },
      { ...docCardType, id: 51, min_amount: 5, max_amount: 2 },
      docCardType,
      docCardType,
    ]);
    expect(page.skipped.map((s) => inEnglish(s.reason))).toEqual([
      'field unit_price: must be above zero',
      'max_amount 2 is below min_amount 5',
    ]);
  });

  it('fail a page that is mostly malformed', () => {
    expect(() => cardPage([docCardType, { id: 2 }, { id: 3 }])).toThrow(
      inEnglishMatching(/2 of 3 items on one page are malformed/),
    );
  });
});

describe('SEAGM direct top-up types', () => {
  it('map the detail shape with its input fields and a string par value', () => {
    const [offer] = rechargePage([docRechargeType]).offers;
    expect(offer).toMatchObject({
      productId: '634',
      skuId: '2987',
      kind: 'direct_topup',
      cost: { amount: '60.28', currency: 'MYR' },
      category: { id: 'recharge-category:634' },
      minQuantity: 1,
      maxQuantity: 10,
      stock: { status: 'unknown', quantity: null },
      plan: { faceValue: { amount: '100.00', currency: 'CNY' } },
      fulfillment: {
        mode: 'manual',
        inputFields: [{ key: 'charge_account', label: { en: '玩家账号' }, required: true }],
      },
    });
  });

  it('read the camelCase list shape of the doc, with max 0 meaning no maximum', () => {
    const camel = {
      id: 2,
      categoryId: 1,
      name: 'Cubizone 200 Cubits',
      unitPrice: 19.5,
      parValue: 20,
      parValueCurrency: 'MYR',
      maxAmount: 0,
      currency: 'MYR',
    };
    const [offer] = rechargePage([camel]).offers;
    expect(offer).toMatchObject({
      skuId: '2',
      cost: { amount: '19.5', currency: 'MYR' },
      maxQuantity: null,
      plan: { faceValue: { amount: '20', currency: 'MYR' } },
    });
  });

  it('skip the doc list example as printed: its price is 0 and it has no currency', () => {
    const printed = {
      id: 1,
      categoryId: 1,
      name: 'Cubizone 100 Cubits',
      unitPrice: 0,
      parValue: 10,
      parValueCurrency: 'MYR',
      maxAmount: 0,
    };
    const page = rechargePage([printed, docRechargeType, docRechargeType]);
    expect(page.skipped).toHaveLength(1);
    expect(inEnglish(page.skipped[0].reason)).toBe('field currency: missing; field unit_price: must be above zero');
  });

  it('order fields by position and give select options one label spelling', () => {
    const fields = [
      {
        name: 'server',
        type: 'select',
        label: 'Server',
        position: 2,
        options: [
          { lable: 'Asia', value: 'os_asia' },
          { label: 'Europe', value: 'os_euro' },
        ],
      },
      { name: 'uid', type: 'input', label: 'UID', position: 1 },
    ];
    const [offer] = rechargePage([{ ...docRechargeType, fields }]).offers;
    expect(offer.fulfillment.inputFields.map((f) => f.key)).toEqual(['uid', 'server']);
    expect((offer.fulfillment.inputFields[1].detail as { options: unknown[] }).options).toEqual([
      { label: 'Asia', value: 'os_asia' },
      { label: 'Europe', value: 'os_euro' },
    ]);
  });
});

describe('SEAGM mobile recharge products', () => {
  const map = (raw: unknown, group: 'airtime' | 'data' | 'bundle') =>
    mapMobileProduct(mobileProductSchema.parse(raw), group, operator, country)[0];

  it('map airtime with the face value its description states', () => {
    const offer = map(
      {
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
      },
      'airtime',
    );
    expect(offer).toMatchObject({
      productId: '196',
      skuId: '4525',
      kind: 'mobile_recharge',
      titles: { en: 'XL Indonesia 50000 IDR Credits' },
      category: {
        id: 'mobile-operator:196',
        path: [
          { id: 'mobile-country:id', names: { en: 'Indonesia' } },
          { id: 'mobile-operator:196', names: { en: 'XL Indonesia' } },
        ],
      },
      cost: { amount: '23.68', currency: 'MYR' },
      originalPrice: { amount: '24.16', currency: 'MYR' },
      stock: { status: 'unknown', quantity: null },
      minQuantity: 1,
      maxQuantity: 1,
      images: [operator.logo],
      plan: { countries: ['ID'], days: 45, faceValue: { amount: '50000', currency: 'IDR' } },
      fulfillment: {
        mode: 'auto',
        inputFields: [{ key: 'phone_number', required: true, detail: { calling_code: '62' } }],
      },
    });
    const other = map(
      {
        product_id: 10826,
        product_name: '100000 IDR Credits',
        product_type: 'airtime',
        product_desc: 'IDR 100000.00',
        currency: 'MYR',
        origin_price: 34.94,
        discount_rate: 2,
        unit_price: 34.24,
        validity: '',
        local_tax: '0',
        local_received: '100000 IDR Credits',
      },
      'airtime',
    );
    expect(other.plan).toEqual({ countries: ['ID'], days: null, faceValue: { amount: '100000.00', currency: 'IDR' } });
  });

  it('map data plans with their validity and no face value', () => {
    const offer = map(
      {
        product_id: 4513,
        product_name: 'Xtra Hotrod Special XL, 7hr',
        product_type: 'data',
        product_desc: 'Main Quota 3.5GB',
        currency: 'MYR',
        origin_price: 13.98,
        discount_rate: 2,
        unit_price: 13.7,
        validity: '7 Days',
        local_tax: '0',
        local_received: 'Main Quota 3.5GB',
      },
      'data',
    );
    expect(offer.cost).toEqual({ amount: '13.7', currency: 'MYR' });
    expect(offer.plan).toEqual({ countries: ['ID'], days: 7, faceValue: null });
  });
});

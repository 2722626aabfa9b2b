import { describe, expect, it } from 'vitest';
import type { Offer } from '../../../src-main/domain/offer';
import { mapPageItems } from '../../../src-main/suppliers/shared/validate-items';
import { describeJoined, joinListings } from '../../../src-main/suppliers/billionconnect/join';
import { mapListedSku } from '../../../src-main/suppliers/billionconnect/map';
import { listedSkuSchema } from '../../../src-main/suppliers/billionconnect/schemas';
import { inEnglishMatching, skippedInEnglish } from '../../helpers/in-english';

const hongKong = {
  mcc: 'HK',
  name: 'Hong Kong',
  apn: '3gnet',
  operatorInfo: [{ operator: 'cuhk', network: '4G', priority: '1' }],
};

/** Joins and maps as the adapter does, without HTTP: the per-item rules in isolation. */
function catalog(english: unknown[], prices: unknown[], chinese: unknown[] = []) {
  const joined = joinListings(english, chinese, prices);
  const page = mapPageItems(joined.items, listedSkuSchema, (sku) => mapListedSku(sku, 'CNY'), describeJoined);
  return { offers: page.offers, skipped: [...joined.skipped, ...page.skipped] };
}

function only(offers: Offer[], sku: string, variant = '1'): Offer {
  const found = offers.filter((o) => o.skuId === sku && o.variant === variant);
  expect(found).toHaveLength(1);
  return found[0];
}

describe('BillionConnect mapping', () => {
  it('makes one offer per price row with days × copies and keeps the upstream scale of prices', () => {
    const { offers, skipped } = catalog(
      [
        {
          skuId: '1785911513572650',
          name: 'Korea-3GB/Natural day+eSIM Carrier of 90 days',
          type: '3105',
          days: '1',
          capacity: '',
          highFlowSize: '3145728',
          planType: '1',
          country: [{ mcc: 'KR', name: 'Korea' }],
        },
      ],
      [
        {
          skuId: '1785911513572650',
          price: [
            { copies: '1', retailPrice: '9.00', settlementPrice: '6.0000' },
            { copies: '7', retailPrice: '0', settlementPrice: '35.5000' },
          ],
        },
      ],
      [{ skuId: '1785911513572650', name: '韩国-3GB/自然日+eSIM载体90天' }],
    );
    expect(skipped).toEqual([]);
    expect(offers.map((o) => o.variant)).toEqual(['1', '7']);
    const week = only(offers, '1785911513572650', '7');
    expect(week).toMatchObject({
      productId: '1785911513572650',
      kind: 'esim',
      orderable: true,
      cost: { amount: '35.5000', currency: 'CNY' },
      retailPrice: null,
      // The 90 days in the name is the install window, not the plan length.
      plan: { countries: ['KR'], dataMB: 3072, unlimited: false, perDay: true, days: 7 },
      titles: {
        en: 'Korea-3GB/Natural day+eSIM Carrier of 90 days (7 days)',
        'zh-CN': '韩国-3GB/自然日+eSIM载体90天（7天）',
      },
    });
    expect(only(offers, '1785911513572650', '1').retailPrice).toEqual({ amount: '9.00', currency: 'CNY' });
  });

  it('reads numbers where strings are documented, a lone price object, "" for an empty country list', () => {
    const { offers, skipped } = catalog(
      [
        {
          skuId: 1090,
          name: 'Hong Kong 4G',
          type: 3106,
          days: 5,
          capacity: 1048576,
          highFlowSize: '',
          planType: 0,
          country: '',
        },
      ],
      [{ skuId: '1090', price: { copies: 2, retailPrice: 0, settlementPrice: 6.5 } }],
    );
    expect(skipped).toEqual([]);
    expect(only(offers, '1090', '2')).toMatchObject({
      cost: { amount: '6.5', currency: 'CNY' },
      retailPrice: null,
      plan: { countries: [], dataMB: 1024, unlimited: false, perDay: false, days: 10 },
      titles: { en: 'Hong Kong 4G' },
    });
  });

  it('reads -1 as unlimited only when no field gives a size', () => {
    const product = (fields: Record<string, string>) => ({
      skuId: '1',
      name: 'X',
      type: '3105',
      days: '1',
      country: [hongKong],
      ...fields,
    });
    const price = [{ skuId: '1', price: [{ copies: '1', settlementPrice: '1' }] }];
    expect(
      only(catalog([product({ planType: '1', highFlowSize: '-1', capacity: '' })], price).offers, '1').plan,
    ).toMatchObject({ dataMB: null, unlimited: true, perDay: true });
    expect(
      only(catalog([product({ planType: '0', capacity: '-1', highFlowSize: '512000' })], price).offers, '1').plan,
    ).toMatchObject({ dataMB: 500, unlimited: false });
    // The documented sample: a per-day 110 plan with only highFlowSize, 20000 KB.
    expect(
      only(catalog([product({ type: '110', planType: '1', highFlowSize: '20000', capacity: '' })], price).offers, '1')
        .plan,
    ).toMatchObject({ dataMB: 19.53, unlimited: false });
    expect(only(catalog([product({ planType: '', capacity: '', highFlowSize: '' })], price).offers, '1').plan).toEqual({
      countries: ['HK'],
      dataMB: null,
      unlimited: false,
      days: 1,
    });
  });

  it('counts a 3105 without days as one day per copy, and leaves other types without days unknown', () => {
    const { offers } = catalog(
      [
        { skuId: '1', name: 'A', type: '3105', country: [{ mcc: 'jp' }] },
        { skuId: '2', name: 'B', type: '230', days: '' },
      ],
      [
        { skuId: '1', price: [{ copies: '15', settlementPrice: '50' }] },
        { skuId: '2', price: [{ copies: '1', settlementPrice: '3' }] },
      ],
    );
    expect(only(offers, '1', '15').plan).toMatchObject({ days: 15, countries: ['JP'] });
    expect(only(offers, '2').plan.days).toBeNull();
  });

  it('keeps every type but orders only 3105/3106, with a kind per type', () => {
    const types = ['3105', '3106', '230', '250', '110', '111', '211', '9999'];
    const { offers } = catalog(
      types.map((type) => ({ skuId: type, name: `type ${type}`, type, days: '1' })),
      types.map((type) => ({ skuId: type, price: [{ copies: '1', settlementPrice: '1' }] })),
    );
    const summary = Object.fromEntries(offers.map((o) => [o.skuId, `${o.kind}/${o.orderable}`]));
    expect(summary).toEqual({
      3105: 'esim/true',
      3106: 'esim/true',
      230: 'esim/false',
      250: 'esim/false',
      110: 'data_plan/false',
      111: 'data_plan/false',
      211: 'other/false',
      9999: 'other/false',
    });
    expect(only(offers, '3105').category).toEqual({
      id: '3105',
      path: [{ id: '3105', names: { en: 'eSIM + self-selected plan', 'zh-CN': 'eSIM+自选套餐' } }],
    });
  });

  it('skips bad items with their reason, reports unpriced skus and duplicates, ignores prices for unknown skus', () => {
    const good = (sku: string) => ({
      skuId: sku,
      name: `P${sku}`,
      type: '3106',
      days: '7',
      capacity: '1048576',
      planType: '0',
      country: [hongKong],
    });
    const priced = (sku: string, settlementPrice = '10.0000') => ({
      skuId: sku,
      price: [{ copies: '1', retailPrice: '12', settlementPrice }],
    });
    const { offers, skipped } = catalog(
      [good('1'), good('2'), { ...good('3'), type: 'eSIM' }, good('4'), good('5'), good('1'), good('6')],
      [priced('1'), priced('2'), priced('3'), priced('4', 'abc'), priced('6'), priced('999'), { price: [] }],
    );
    expect(offers.map((o) => o.skuId)).toEqual(['1', '2', '6']);
    expect(skippedInEnglish(skipped)).toEqual(
      expect.arrayContaining([
        { where: 'F002 item 3 (sku 3)', reason: expect.stringMatching(/product\.type: not a product type code/) },
        {
          where: 'F002 item 4 (sku 4)',
          reason: expect.stringMatching(/prices\.price\.0\.settlementPrice: not a decimal amount/),
        },
        { where: 'F002 item 5 (sku 5)', reason: expect.stringMatching(/F003 gives no price/) },
        { where: 'F002 item 6 (sku 1)', reason: expect.stringMatching(/twice/) },
        { where: 'F003 item 7', reason: expect.stringMatching(/no skuId/) },
      ]),
    );
    expect(skipped).toHaveLength(5);
  });

  it('fails the listing when most items are bad instead of publishing a sliver of it', () => {
    expect(() =>
      catalog(
        [{ skuId: '1' }, { skuId: '2' }, { skuId: '3', name: 'ok', type: '3106' }],
        [{ skuId: '3', price: [{ copies: '1', settlementPrice: '1' }] }],
      ),
    ).toThrow(inEnglishMatching(/2 of 3 items/));
  });
});

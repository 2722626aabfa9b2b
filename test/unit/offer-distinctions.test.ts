import { describe, expect, it } from 'vitest';
import type { GridOffer } from '../../src-shared/grid-types';
import { offerDistinctions } from '../../src-renderer/screens/grid/offer-labels';

const offer = (supplier: string, skuId: string, titles: Record<string, string>): GridOffer => ({
  supplier,
  productId: skuId,
  skuId,
  variant: '',
  kind: 'esim',
  titles,
  cost: { amount: '1', currency: 'USD' },
  converted: null,
  stock: { status: 'in_stock', quantity: null },
  orderable: true,
  categoryId: null,
});

describe('telling two offers of one supplier apart in the row panel', () => {
  it('names them by their titles in the reader’s language when those differ, by SKU when they do not, and leaves lone offers alone', () => {
    const offers = [
      offer('demo-mesim', '145', { en: 'Ais Taiwan 5GB 10 Days', 'zh-CN': '台湾 5GB 10天' }),
      offer('demo-mesim', '89', { en: 'Peoples Taiwan 5GB 10 Days', 'zh-CN': '台湾 5GB 10天' }),
      offer('demo-dujiao', '10011', { 'en-US': 'Taiwan 5GB', 'zh-CN': '台湾 5GB' }),
    ];
    expect([...offerDistinctions(offers, 'en', 'SKU')]).toEqual([
      ['demo-mesim|145|145|', 'Ais Taiwan 5GB 10 Days'],
      ['demo-mesim|89|89|', 'Peoples Taiwan 5GB 10 Days'],
    ]);
    // The same two read alike in Chinese: only their SKUs tell them apart there.
    expect([...offerDistinctions(offers, 'zh-CN', 'SKU')]).toEqual([
      ['demo-mesim|145|145|', 'SKU 145'],
      ['demo-mesim|89|89|', 'SKU 89'],
    ]);
  });
});

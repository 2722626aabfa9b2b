import { DESTINATIONS } from '../../../domain/geography';
import type { SeedItem } from '../../shared/sim/catalog-evolution';
import { hashUnit } from '../../shared/sim/seeded-random';
import { evolveProducts, type SimCatalog, type SimProduct } from '../../dujiao-next/sim/seed';

const CATEGORIES: SimCatalog['categories'] = [
  { id: 8, parent_id: 0, slug: 'esim', name: { 'zh-CN': 'eSIM', en: 'eSIM' }, icon: '', sort_order: 10 },
  {
    id: 81,
    parent_id: 8,
    slug: 'single-country',
    name: { 'zh-CN': '单一国家', en: 'Single country' },
    icon: '',
    sort_order: 5,
  },
  {
    id: 82,
    parent_id: 8,
    slug: 'multi-country',
    name: { 'zh-CN': '多国', en: 'Multi-country' },
    icon: '',
    sort_order: 4,
  },
];

const CARRIERS = ['CMLink', 'MeSIM', 'Peoples', 'True', 'Rakuten', 'SoftBank', 'Ais', 'csl'];

/** MeSIM's style: carrier-first English titles, often the same text under zh-CN, unlimited plans with a high-speed cap. */
function mesimTitle(
  seed: number,
  id: number,
  dest: (typeof DESTINATIONS)[number],
  gb: number,
  days: number,
  unlimited: boolean,
): Record<string, string> {
  const carrier = CARRIERS[Math.floor(hashUnit(seed, 'carrier', id) * CARRIERS.length)];
  const style = hashUnit(seed, 'style', id);
  const volume = unlimited ? `Unlimited${gb}GB` : `${gb}GB`;
  const en =
    style < 0.4
      ? `${carrier} ${dest.en} ${volume} ${days} Days`
      : style < 0.7
        ? `${dest.en} eSIM ${volume} / ${days}D`
        : `${carrier} ${volume} ${dest.en} ${days}-Day`;
  // Many MeSIM products carry the English title under zh-CN too; some have a real Chinese title.
  const zh = hashUnit(seed, 'zh', id) < 0.5 ? en : `${dest.zhCN} ${unlimited ? '无限流量' : ''}${gb}GB ${days}天`;
  return { 'zh-CN': zh, en };
}

export function mesimSeedItems(seed: number, size = 220): SeedItem<SimProduct>[] {
  const items: SeedItem<SimProduct>[] = [];
  let id = 30;
  for (let round = 0; items.length < size - 4; round++) {
    for (const dest of DESTINATIONS) {
      if (items.length >= size - 4) break;
      id++;
      const gb = [1, 3, 5, 10, 15, 20, 30, 40][Math.floor(hashUnit(seed, 'gb', id) * 8)];
      const days = [3, 5, 7, 10, 15, 30][Math.floor(hashUnit(seed, 'days', id) * 6)];
      const unlimited = hashUnit(seed, 'unl', id) < 0.25;
      const price = (1.5 + gb * 0.42 + days * 0.11) * (0.8 + hashUnit(seed, dest.iso) * 0.6);
      items.push({
        key: id,
        value: {
          id,
          slug: `mesim-${id}`,
          title: mesimTitle(seed, id, dest, gb, days, unlimited),
          description: {},
          images: [`https://mesimgo.example/uploads/${id}.jpg`],
          tags: [],
          fulfillment_type: 'auto',
          manual_form_schema: null,
          is_active: true,
          category_id: 81,
          skus: [
            {
              id,
              sku_code: String(id),
              spec_values: {},
              price_amount: price.toFixed(2),
              original_price: (price * 1.2).toFixed(2),
              member_price: price.toFixed(2),
              stock_quantity: hashUnit(seed, 'out', id) < 0.12 ? 0 : 9999,
              is_active: true,
            },
          ],
          delivers: 'esim',
        },
      });
    }
  }
  for (const gb of [25, 50, 100, 1000]) {
    id++;
    const price = 9 + gb * 0.3;
    items.push({
      key: id,
      value: {
        id,
        slug: `mesim-12c-${gb}`,
        title: { 'zh-CN': `MeSIM 12-Country Unlimited ${gb}GB`, en: `MeSIM 12-Country Unlimited ${gb}GB` },
        description: {},
        images: [],
        tags: [],
        fulfillment_type: 'auto',
        manual_form_schema: null,
        is_active: true,
        category_id: 82,
        skus: [
          {
            id,
            sku_code: String(id),
            spec_values: {},
            price_amount: price.toFixed(2),
            stock_quantity: 9999,
            is_active: true,
          },
        ],
        delivers: 'esim',
      },
    });
  }
  return items;
}

export function mesimCatalogAt(seed: number, generation: number, size?: number, churn?: number): SimCatalog {
  const base = mesimSeedItems(seed, size);
  const products = evolveProducts(
    base,
    seed,
    generation,
    {
      movePrice: (p, factor) => ({
        ...p,
        skus: p.skus.map((s) => ({ ...s, price_amount: (Number(s.price_amount) * factor).toFixed(2) })),
      }),
      moveStock: (p) => ({
        ...p,
        skus: p.skus.map((s) => ({ ...s, stock_quantity: s.stock_quantity === 0 ? 9999 : 0 })),
      }),
      retitle: (p, step) => ({
        ...p,
        title: { ...p.title, en: `${p.title.en.replace(/ \(v\d+\)$/, '')} (v${step + 1})` },
      }),
      newItem: (step, n) => {
        const template = base[(step * 5 + n * 11) % base.length].value;
        const id = 50000 + step * 10 + n;
        return {
          ...template,
          id,
          slug: `mesim-${id}`,
          skus: template.skus.map((s) => ({ ...s, id, sku_code: String(id) })),
        };
      },
    },
    { churn },
  );
  return { categories: CATEGORIES, products };
}

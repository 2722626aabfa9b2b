import { DESTINATIONS, REGIONS } from '../../../domain/geography';
import { DATA_SIZES_MB, GIFT_CARDS, PLAN_DAYS, formatDataSize } from '../../shared/sim/demo-vocabulary';
import { hashUnit } from '../../shared/sim/seeded-random';
import { evolveWithHistory, type EvolvedItem, type Evolution, type SeedItem } from '../../shared/sim/catalog-evolution';

/** The shape a Dujiao-Next server stores: what the simulator serves from. */
export interface SimCategory {
  id: number;
  parent_id: number;
  slug: string;
  name: Record<string, string>;
  icon: string;
  sort_order: number;
}

export interface SimSku {
  id: number;
  sku_code: string;
  /** Plain text per spec as seeded; the simulator can serve it in the other shapes real servers use. */
  spec_values: Record<string, unknown>;
  price_amount: string;
  original_price?: string;
  member_price?: string;
  stock_quantity: number;
  is_active: boolean;
}

export interface SimWholesaleTier {
  sku_id?: number;
  sku_code?: string;
  min_quantity: number;
  unit_price: string;
}

export interface SimProduct {
  id: number;
  slug: string;
  title: Record<string, string>;
  description: Record<string, string>;
  images: string[];
  tags: string[];
  fulfillment_type: 'auto' | 'manual';
  manual_form_schema: unknown;
  is_active: boolean;
  category_id: number;
  skus: SimSku[];
  /** Newer servers' quantity prices: for every SKU, or for one (sku_id / sku_code). */
  wholesale_prices?: SimWholesaleTier[];
  /** What an order delivers: an eSIM (LPA) or a card key. */
  delivers: 'esim' | 'card' | 'topup';
  /** The catalog generation that last changed it (0: as seeded); the simulator dates `updated_at` from it. */
  changed_step?: number;
}

export interface SimCatalog {
  categories: SimCategory[];
  products: SimProduct[];
}

const CATEGORIES: SimCategory[] = [
  {
    id: 1,
    parent_id: 0,
    slug: 'esim',
    name: { 'zh-CN': 'eSIM 流量卡', 'zh-TW': 'eSIM 上網卡', 'en-US': 'eSIM Data' },
    icon: '',
    sort_order: 30,
  },
  {
    id: 11,
    parent_id: 1,
    slug: 'esim-asia',
    name: { 'zh-CN': '亚洲', 'zh-TW': '亞洲', 'en-US': 'Asia' },
    icon: '',
    sort_order: 9,
  },
  {
    id: 12,
    parent_id: 1,
    slug: 'esim-europe',
    name: { 'zh-CN': '欧洲', 'zh-TW': '歐洲', 'en-US': 'Europe' },
    icon: '',
    sort_order: 8,
  },
  {
    id: 13,
    parent_id: 1,
    slug: 'esim-americas',
    name: { 'zh-CN': '美洲', 'zh-TW': '美洲', 'en-US': 'Americas' },
    icon: '',
    sort_order: 7,
  },
  {
    id: 14,
    parent_id: 1,
    slug: 'esim-regional',
    name: { 'zh-CN': '多国通用', 'zh-TW': '多國通用', 'en-US': 'Multi-country' },
    icon: '',
    sort_order: 6,
  },
  {
    id: 2,
    parent_id: 0,
    slug: 'gift-cards',
    name: { 'zh-CN': '礼品卡', 'zh-TW': '禮品卡', 'en-US': 'Gift Cards' },
    icon: '',
    sort_order: 20,
  },
  {
    id: 21,
    parent_id: 2,
    slug: 'game-cards',
    name: { 'zh-CN': '游戏点卡', 'zh-TW': '遊戲點卡', 'en-US': 'Game Cards' },
    icon: '',
    sort_order: 5,
  },
  {
    id: 22,
    parent_id: 2,
    slug: 'app-stores',
    name: { 'zh-CN': '应用商店', 'zh-TW': '應用商店', 'en-US': 'App Stores' },
    icon: '',
    sort_order: 4,
  },
  {
    id: 3,
    parent_id: 0,
    slug: 'game-topup',
    name: { 'zh-CN': '游戏直充', 'zh-TW': '遊戲直充', 'en-US': 'Game Top-up' },
    icon: '',
    sort_order: 10,
  },
  {
    id: 31,
    parent_id: 3,
    slug: 'mobile-games',
    name: { 'zh-CN': '手游充值', 'zh-TW': '手遊儲值', 'en-US': 'Mobile Games' },
    icon: '',
    sort_order: 3,
  },
];

const EUROPE = new Set(['GB', 'FR', 'DE', 'IT', 'ES', 'CH', 'TR']);
const AMERICAS = new Set(['US', 'CA', 'MX', 'BR']);

/** Cost in CNY from volume and length, with a per-country factor: plausible, stable, never linear. */
function esimCost(seed: number, iso: string, mb: number, days: number): number {
  const factor = 0.8 + hashUnit(seed, iso) * 0.9;
  return Math.round((6 + (mb / 1024) * 3.2 + days * 0.9) * factor * 100) / 100;
}

/** Stock spread over every state the protocol has: unlimited, plenty, low, none. */
function seedStock(seed: number, id: number): number {
  const r = hashUnit(seed, 'stock', id);
  if (r < 0.35) return -1;
  if (r < 0.75) return 21 + Math.floor(hashUnit(seed, 'qty', id) * 480);
  if (r < 0.9) return 1 + Math.floor(hashUnit(seed, 'low', id) * 20);
  return 0;
}

/** The generation-0 catalog: `size` products (default a few hundred) of eSIMs, gift cards and top-ups. */
export function seedItems(seed: number, size = 260): SeedItem<SimProduct>[] {
  const items: SeedItem<SimProduct>[] = [];
  let id = 1000;
  const cardCount = GIFT_CARDS.reduce((sum, card) => sum + card.faces.length, 0) + 4;
  const esimTarget = Math.max(1, size - cardCount);
  // Walk destinations × sizes × days (then again with a carrier suffix) until the target is reached.
  outer: for (let round = 0; ; round++) {
    for (const days of PLAN_DAYS) {
      for (const mb of DATA_SIZES_MB) {
        for (const dest of DESTINATIONS) {
          if (items.length >= esimTarget) break outer;
          if (hashUnit(seed, dest.iso, mb, days, round) < 0.45 && round === 0) continue;
          id++;
          const carrier = round === 0 ? '' : ` #${round + 1}`;
          const size = formatDataSize(mb);
          const english =
            hashUnit(seed, 'style', id) < 0.5
              ? `${dest.en} ${size} ${days} Days${carrier}`
              : `${dest.en} eSIM ${size} / ${days} Days${carrier}`;
          const title: Record<string, string> = {
            'zh-CN': `${dest.zhCN} ${size} ${days}天${carrier}`,
            'en-US': english,
          };
          if (hashUnit(seed, 'tw', id) < 0.4) title['zh-TW'] = `${dest.zhTW} ${size} ${days}天${carrier}`;
          const cost = esimCost(seed, dest.iso, mb, days);
          items.push({
            key: id,
            value: {
              id,
              slug: `esim-${dest.iso.toLowerCase()}-${size.toLowerCase()}-${days}d${round ? `-${round}` : ''}`,
              title,
              description: {
                'zh-CN': `${dest.zhCN}当地网络，扫码即用`,
                'en-US': `Local network in ${dest.en}; scan and go`,
              },
              images: [`https://img.example.com/esim/${dest.iso.toLowerCase()}.png`],
              tags: days >= 15 ? ['long-stay'] : [],
              fulfillment_type: 'auto',
              manual_form_schema: null,
              is_active: true,
              category_id: EUROPE.has(dest.iso) ? 12 : AMERICAS.has(dest.iso) ? 13 : 11,
              skus: [
                {
                  id: id * 10 + 1,
                  sku_code: 'DEFAULT',
                  spec_values: {},
                  price_amount: cost.toFixed(2),
                  stock_quantity: seedStock(seed, id),
                  is_active: true,
                },
              ],
              delivers: 'esim',
            },
          });
        }
      }
    }
    if (round > 400) break;
  }
  for (const region of REGIONS) {
    if (items.length >= esimTarget + 5) break;
    id++;
    const variants = [7, 15, 30].map((days, index) => ({
      id: id * 10 + index + 1,
      sku_code: `${days}D`,
      spec_values: { Days: String(days) },
      price_amount: esimCost(seed, region.code, 10240, days).toFixed(2),
      stock_quantity: seedStock(seed, id * 10 + index),
      is_active: true,
    }));
    // The first variant has quantity prices of its own, which replace the product-wide ones for it.
    const wholesale: SimWholesaleTier[] = [
      { sku_id: variants[0]!.id, min_quantity: 5, unit_price: (Number(variants[0]!.price_amount) * 0.95).toFixed(2) },
      { min_quantity: 20, unit_price: (Math.min(...variants.map((v) => Number(v.price_amount))) * 0.9).toFixed(2) },
    ];
    items.push({
      key: id,
      value: {
        id,
        slug: `esim-${region.code.toLowerCase()}`,
        title: { 'zh-CN': `${region.zhCN} 10GB`, 'zh-TW': `${region.zhTW} 10GB`, 'en-US': `${region.en} 10GB` },
        description: { 'en-US': `Covers ${region.countries.join(', ')}` },
        images: [],
        tags: ['regional'],
        fulfillment_type: 'auto',
        manual_form_schema: null,
        is_active: true,
        category_id: 14,
        skus: variants,
        wholesale_prices: wholesale,
        delivers: 'esim',
      },
    });
  }
  for (const card of GIFT_CARDS) {
    for (const face of card.faces) {
      id++;
      const rate = card.currency === 'CNY' ? 1 : 7.1;
      const cost = Math.round(face * rate * (0.9 + hashUnit(seed, card.brand, face) * 0.08) * 100) / 100;
      const sku: SimSku = {
        id: id * 10 + 1,
        sku_code: 'DEFAULT',
        spec_values: {},
        price_amount: cost.toFixed(2),
        stock_quantity: seedStock(seed, id),
        is_active: true,
      };
      if (hashUnit(seed, 'member', id) < 0.3) {
        sku.original_price = (cost * 1.05).toFixed(2);
        sku.member_price = sku.price_amount;
      }
      const wholesale: SimWholesaleTier[] | undefined =
        hashUnit(seed, 'wholesale', id) < 0.4
          ? [
              { min_quantity: 10, unit_price: (cost * 0.97).toFixed(2) },
              { min_quantity: 50, unit_price: (cost * 0.94).toFixed(2) },
            ]
          : undefined;
      items.push({
        key: id,
        value: {
          id,
          slug: `${card.brand.toLowerCase().replace(/[^a-z]+/g, '-')}-${face}`,
          title: {
            'zh-CN': `${card.zhCN} ${face} ${card.currency}`,
            'en-US': `${card.brand} ${face} ${card.currency}`,
          },
          description: {},
          images: [],
          tags: [],
          fulfillment_type: 'auto',
          manual_form_schema: null,
          is_active: true,
          category_id: card.brand.includes('Play') || card.brand.includes('App') ? 22 : 21,
          skus: [sku],
          ...(wholesale ? { wholesale_prices: wholesale } : {}),
          delivers: 'card',
        },
      });
    }
  }
  for (const [index, game] of ['Genshin Impact', 'PUBG Mobile', 'Mobile Legends', 'Honor of Kings'].entries()) {
    id++;
    items.push({
      key: id,
      value: {
        id,
        slug: `topup-${index}`,
        title: { 'zh-CN': `${game} 直充 60`, 'en-US': `${game} Top-up 60` },
        description: {},
        images: [],
        tags: [],
        fulfillment_type: 'manual',
        manual_form_schema: {
          fields: [
            { key: 'player_id', label: { 'zh-CN': '玩家ID', 'en-US': 'Player ID' }, required: true },
            { key: 'server', label: { 'en-US': 'Server' }, required: false },
          ],
        },
        is_active: true,
        category_id: 31,
        skus: [
          {
            id: id * 10 + 1,
            sku_code: '60',
            spec_values: { Amount: '60' },
            price_amount: (6 + index * 0.5).toFixed(2),
            stock_quantity: -1,
            is_active: true,
          },
        ],
        delivers: 'topup',
      },
    });
  }
  return items;
}

/** The catalog as it stands at `generation`: each step moves some prices, stock and titles, drops and adds items. */
export function dujiaoCatalogAt(seed: number, generation: number, size?: number, churn?: number): SimCatalog {
  const base = seedItems(seed, size);
  const products = evolveProducts(
    base,
    seed,
    generation,
    {
      movePrice: (product, factor) => ({
        ...product,
        skus: product.skus.map((sku) => ({ ...sku, price_amount: (Number(sku.price_amount) * factor).toFixed(2) })),
      }),
      moveStock: (product, step) => ({
        ...product,
        skus: product.skus.map((sku, i) => ({ ...sku, stock_quantity: seedStock(seed + step, product.id * 10 + i) })),
      }),
      retitle: (product, step) => ({
        ...product,
        title: Object.fromEntries(
          Object.entries(product.title).map(([locale, text]) => [
            locale,
            `${text.replace(/ \[v\d+\]$/, '')} [v${step + 1}]`,
          ]),
        ),
      }),
      newItem: (step, n) => {
        const template = base[(step * 7 + n * 13) % base.length].value;
        const id = 900000 + step * 10 + n;
        return {
          ...template,
          id,
          slug: `${template.slug}-new-${step}-${n}`,
          title: Object.fromEntries(Object.entries(template.title).map(([l, t]) => [l, `${t} Plus`])),
          skus: template.skus.map((sku, i) => ({ ...sku, id: id * 10 + i + 1 })),
        };
      },
    },
    { churn },
  );
  return { categories: CATEGORIES, products };
}

/**
 * The evolved products as a Dujiao-Next server holds them: a vanished product is deactivated (kept, is_active
 * false, until it comes back), except some that the admin deleted outright, which the server no longer knows.
 */
export function evolveProducts(
  base: SeedItem<SimProduct>[],
  seed: number,
  generation: number,
  evolution: Evolution<SimProduct>,
  options: { churn?: number } = {},
): SimProduct[] {
  const history = evolveWithHistory(base, seed, generation, evolution, {
    churn: options.churn,
    deleteForGood: (key, step) => hashUnit(seed, 'hard-delete', key, step) < 0.4,
  });
  return history.filter((item) => !item.deleted).map(asServed);
}

function asServed(item: EvolvedItem<SimProduct>): SimProduct {
  return { ...item.value, is_active: item.present && item.value.is_active, changed_step: item.changedAt };
}

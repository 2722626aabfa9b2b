import { evolve, type SeedItem } from '../../shared/sim/catalog-evolution';
import { DESTINATIONS, REGIONS } from '../../../domain/geography';
import { formatDataSize } from '../../shared/sim/demo-vocabulary';
import { hashUnit } from '../../shared/sim/seeded-random';

/** What the simulated BillionConnect stores: one sku as F002 and F003 describe it, before language is chosen. */
export interface BcSimProduct {
  /** 16 digits, as live skuIds are. */
  skuId: string;
  name: { en: string; zh: string };
  desc: { en: string; zh: string };
  type: string;
  days: string;
  /** KB, "" when not applicable, "-1" unlimited. */
  capacity: string;
  highFlowSize: string;
  limitFlowSpeed: string;
  hotspotSupport: string;
  planType: string;
  /** ISO alpha-2, which F002 sends in its `mcc` field. */
  countries: string[];
  carrierValidityPeroid: string;
  prices: Array<{ copies: string; retailPrice: string; settlementPrice: string }>;
}

export interface BcSimCountry {
  iso: string;
  en: string;
  zh: string;
  continent: { en: string; zh: string };
}

const CONTINENTS = {
  asia: { en: 'Asia', zh: '亚洲' },
  europe: { en: 'Europe', zh: '欧洲' },
  oceania: { en: 'Oceania', zh: '大洋洲' },
  northAmerica: { en: 'North America', zh: '北美洲' },
  southAmerica: { en: 'South America', zh: '南美洲' },
  africa: { en: 'Africa', zh: '非洲' },
};

const CONTINENT_OF: Record<string, keyof typeof CONTINENTS> = {
  AU: 'oceania',
  NZ: 'oceania',
  US: 'northAmerica',
  CA: 'northAmerica',
  MX: 'northAmerica',
  BR: 'southAmerica',
  EG: 'africa',
  HK: 'asia',
  MO: 'asia',
  TW: 'asia',
  CN: 'asia',
  JP: 'asia',
  KR: 'asia',
  TH: 'asia',
  SG: 'asia',
  MY: 'asia',
  VN: 'asia',
  PH: 'asia',
  ID: 'asia',
  AE: 'asia',
  IN: 'asia',
};

/** European countries the shared vocabulary lacks, for the 33-country plans BillionConnect sells. */
const MORE_EUROPE: Array<[string, string, string]> = [
  ['AT', 'Austria', '奥地利'],
  ['BE', 'Belgium', '比利时'],
  ['BG', 'Bulgaria', '保加利亚'],
  ['HR', 'Croatia', '克罗地亚'],
  ['CY', 'Cyprus', '塞浦路斯'],
  ['CZ', 'Czechia', '捷克'],
  ['DK', 'Denmark', '丹麦'],
  ['EE', 'Estonia', '爱沙尼亚'],
  ['FI', 'Finland', '芬兰'],
  ['GR', 'Greece', '希腊'],
  ['HU', 'Hungary', '匈牙利'],
  ['IE', 'Ireland', '爱尔兰'],
  ['LV', 'Latvia', '拉脱维亚'],
  ['LT', 'Lithuania', '立陶宛'],
  ['LU', 'Luxembourg', '卢森堡'],
  ['MT', 'Malta', '马耳他'],
  ['NL', 'Netherlands', '荷兰'],
  ['PL', 'Poland', '波兰'],
  ['PT', 'Portugal', '葡萄牙'],
  ['RO', 'Romania', '罗马尼亚'],
  ['SK', 'Slovakia', '斯洛伐克'],
  ['SI', 'Slovenia', '斯洛文尼亚'],
  ['SE', 'Sweden', '瑞典'],
  ['NO', 'Norway', '挪威'],
  ['IS', 'Iceland', '冰岛'],
  ['LI', 'Liechtenstein', '列支敦士登'],
];

export const BC_COUNTRIES: ReadonlyMap<string, BcSimCountry> = new Map([
  ...DESTINATIONS.map((d): [string, BcSimCountry] => [
    d.iso,
    { iso: d.iso, en: d.en, zh: d.zhCN, continent: CONTINENTS[CONTINENT_OF[d.iso] ?? 'europe'] },
  ]),
  ...MORE_EUROPE.map(([iso, en, zh]): [string, BcSimCountry] => [iso, { iso, en, zh, continent: CONTINENTS.europe }]),
]);

const EUROPE_33 = [
  'AT',
  'BE',
  'BG',
  'HR',
  'CY',
  'CZ',
  'DK',
  'EE',
  'FI',
  'FR',
  'DE',
  'GR',
  'HU',
  'IE',
  'IT',
  'LV',
  'LT',
  'LU',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SK',
  'SI',
  'ES',
  'SE',
  'GB',
  'CH',
  'NO',
  'IS',
  'LI',
  'TR',
];

const KB_PER_MB = 1024;
/** Durations a self-selected (3105) plan may be bought for; each sku offers a subset, one F003 row each. */
const COPY_CHOICES = [1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 15, 20, 25, 30];
/** Daily high-speed allowances in MB; 0 stands for the unlimited daily plans. */
const DAILY_SIZES_MB = [500, 1024, 2048, 3072, 0];
const FIXED_PLANS: Array<[number, number]> = [
  [1024, 7],
  [3072, 7],
  [5120, 15],
  [10240, 30],
  [20480, 30],
];
const CARRIER_WINDOWS = [90, 180, 365];

function skuId(seed: number, n: number): string {
  return String(1785911500000000 + n * 7_919_113 + Math.floor(hashUnit(seed, 'sku', n) * 1_000_000));
}

/** CNY as the vendor writes settlement prices: 4 decimals, tenths only ("6.5000"). */
function settlement(amount: number): string {
  return (Math.round(amount * 10) / 10).toFixed(4);
}

/** A suggested retail price above cost, or "0" where the vendor suggests none. */
function retail(seed: number, skuKey: string, cost: number): string {
  return hashUnit(seed, 'retail', skuKey) < 0.2 ? '0' : (Math.ceil(cost * 1.4 * 10) / 10).toFixed(2);
}

function countryFactor(seed: number, key: string): number {
  return 0.75 + hashUnit(seed, 'country', key) * 0.8;
}

function dailyPlan(seed: number, n: number, iso: string, mb: number, carrierDays: number): BcSimProduct {
  const country = BC_COUNTRIES.get(iso)!;
  const id = skuId(seed, n);
  const unlimited = mb === 0;
  const size = unlimited ? 'Unlimited' : formatDataSize(mb);
  const sizeZh = unlimited ? '无限流量' : formatDataSize(mb);
  const perDay = (unlimited ? 16 : 2.2 + (mb / KB_PER_MB) * 3.4) * countryFactor(seed, iso);
  const copies = COPY_CHOICES.filter((c) => c === 1 || hashUnit(seed, 'copies', id, c) < 0.3);
  return {
    skuId: id,
    name: {
      en: `${country.en}-${size}/Natural day+eSIM Carrier of ${carrierDays} days`,
      zh: `${country.zh}-${sizeZh}/自然日+eSIM载体${carrierDays}天`,
    },
    desc: {
      en: `${country.en} daily plan: ${size} high-speed data per natural day, then 128kbps. Install within ${carrierDays} days.`,
      zh: `${country.zh}日套餐：每自然日高速流量${sizeZh}，用完降速至128kbps。请在${carrierDays}天内安装。`,
    },
    type: '3105',
    days: '1',
    capacity: '',
    highFlowSize: unlimited ? '-1' : String(mb * KB_PER_MB),
    limitFlowSpeed: '128',
    hotspotSupport: hashUnit(seed, 'hotspot', id) < 0.8 ? '1' : '0',
    planType: '1',
    countries: [iso],
    carrierValidityPeroid: String(carrierDays),
    // Longer purchases cost less per day: the price rows are not multiples of the one-day price.
    prices: copies.map((c) => {
      const cost = perDay * c ** 0.86;
      return { copies: String(c), retailPrice: retail(seed, `${id}-${c}`, cost), settlementPrice: settlement(cost) };
    }),
  };
}

function fixedPlan(
  seed: number,
  n: number,
  area: { key: string; en: string; zh: string; countries: string[] },
  mb: number,
  days: number,
): BcSimProduct {
  const id = skuId(seed, n);
  const size = formatDataSize(mb);
  const cost =
    (5 + (mb / KB_PER_MB) * 2.6 + days * 0.35) * countryFactor(seed, area.key) * (area.countries.length > 1 ? 1.3 : 1);
  return {
    skuId: id,
    name: { en: `${area.en} ${size} ${days} Days`, zh: `${area.zh} ${size} ${days}天` },
    desc: {
      en: `${size} of data to use within ${days} days in ${area.en}.`,
      zh: `${area.zh}${days}天内可用流量${size}。`,
    },
    type: '3106',
    days: String(days),
    capacity: String(mb * KB_PER_MB),
    highFlowSize: '',
    limitFlowSpeed: '-1',
    hotspotSupport: '1',
    planType: '0',
    countries: area.countries,
    carrierValidityPeroid: '180',
    prices: [{ copies: '1', retailPrice: retail(seed, id, cost), settlementPrice: settlement(cost) }],
  };
}

/** What the API lists but cannot sell as an eSIM: plans for SIMs already out there, bare carriers, hard cards. */
function notOrderable(seed: number, next: () => number): BcSimProduct[] {
  const products: BcSimProduct[] = [];
  for (const iso of ['HK', 'JP', 'TH', 'KR', 'US']) {
    const country = BC_COUNTRIES.get(iso)!;
    const id = skuId(seed, next());
    const perDay = 3 * countryFactor(seed, iso);
    products.push({
      skuId: id,
      name: { en: `${country.en}-4G-1 day-200M`, zh: `${country.zh}-4G-1天-200M` },
      desc: {
        en: `${country.en} 1-day data plan, 200MB high-speed per day, then 128kbps`,
        zh: `${country.zh}1天套餐，每天高速流量200MB，降速128kbps后不限流量`,
      },
      type: '110',
      days: '1',
      capacity: '',
      highFlowSize: String(200 * KB_PER_MB),
      limitFlowSpeed: '128',
      hotspotSupport: '1',
      planType: '1',
      countries: [iso],
      carrierValidityPeroid: '',
      prices: [1, 3, 5].map((c) => ({
        copies: String(c),
        retailPrice: '0',
        settlementPrice: settlement(perDay * c ** 0.9),
      })),
    });
  }
  for (const [iso, days, mb] of [
    ['CN', 7, 3072],
    ['MO', 5, 2048],
  ] as const) {
    const country = BC_COUNTRIES.get(iso)!;
    const id = skuId(seed, next());
    products.push({
      skuId: id,
      name: {
        en: `${country.en}-4G-${days} days-${formatDataSize(mb)}`,
        zh: `${country.zh}-4G-${days}天-${formatDataSize(mb)}`,
      },
      desc: { en: 'Top-up plan for a BillionConnect SIM card', zh: '亿点SIM卡充值套餐' },
      type: '111',
      days: String(days),
      capacity: String(mb * KB_PER_MB),
      highFlowSize: '',
      limitFlowSpeed: '128',
      hotspotSupport: '1',
      planType: '0',
      countries: [iso],
      carrierValidityPeroid: '',
      prices: [{ copies: '1', retailPrice: '0', settlementPrice: settlement(8 + mb / 512) }],
    });
  }
  const carriers: Array<[string, string, string, number]> = [
    ['230', 'eSIM Carrier of 90 days', 'eSIM载体90天', 3],
    ['230', 'eSIM Carrier of 365 days', 'eSIM载体365天', 5],
    ['250', 'eSIM Air Carrier', 'eSIM Air载体', 6],
    ['211', 'Multi-use SIM card (Nano)', '多次卡（Nano）', 9.5],
  ];
  for (const [type, en, zh, price] of carriers) {
    const id = skuId(seed, next());
    products.push({
      skuId: id,
      name: { en, zh },
      desc: { en: `${en}; add a data plan to use it`, zh: `${zh}，需另购套餐` },
      type,
      days: '',
      capacity: '',
      highFlowSize: '',
      limitFlowSpeed: '',
      hotspotSupport: '1',
      planType: '',
      countries: [],
      carrierValidityPeroid: en.match(/(\d+) days/)?.[1] ?? '',
      prices: [{ copies: '1', retailPrice: '0', settlementPrice: settlement(price) }],
    });
  }
  return products;
}

/**
 * The generation-0 catalog, about `size` offers (F003 rows): regional and non-orderable skus first, then
 * single-country daily (3105) and fixed (3106) plans walked country by country until the size is reached.
 */
export function billionConnectSeedItems(seed: number, size = 700): SeedItem<BcSimProduct>[] {
  let n = 0;
  const next = () => ++n;
  const products: BcSimProduct[] = [...notOrderable(seed, next)];
  const europe33 = { key: 'EU33', en: 'Europe 33 Countries', zh: '欧洲33国', countries: EUROPE_33 };
  for (const [mb, days] of [
    [5120, 15],
    [10240, 30],
    [20480, 30],
  ] as const)
    products.push(fixedPlan(seed, next(), europe33, mb, days));
  for (const region of REGIONS) {
    const area = { key: region.code, en: region.en, zh: region.zhCN, countries: [...region.countries] };
    for (const [mb, days] of [
      [3072, 7],
      [10240, 30],
    ] as const)
      products.push(fixedPlan(seed, next(), area, mb, days));
  }
  const offers = () => products.reduce((sum, p) => sum + p.prices.length, 0);
  for (let round = 0; offers() < size && round < CARRIER_WINDOWS.length * 4; round++) {
    for (const dest of DESTINATIONS) {
      if (offers() >= size) break;
      for (const mb of DAILY_SIZES_MB) {
        if (hashUnit(seed, 'daily', dest.iso, mb, round) < 0.35) continue;
        products.push(dailyPlan(seed, next(), dest.iso, mb, CARRIER_WINDOWS[round % CARRIER_WINDOWS.length]));
      }
      if (round > 0) continue;
      const area = { key: dest.iso, en: dest.en, zh: dest.zhCN, countries: [dest.iso] };
      for (const [mb, days] of FIXED_PLANS) {
        if (hashUnit(seed, 'fixed', dest.iso, mb, days) < 0.4) continue;
        products.push(fixedPlan(seed, next(), area, mb, days));
      }
    }
  }
  return products.map((product) => ({ key: product.skuId, value: product }));
}

const scaled = (amount: string, factor: number, decimals: number) => (Number(amount) * factor).toFixed(decimals);
const withoutVersion = (name: string) => name.replace(/ v\d+$/, '');

/** The catalog as it stands at `generation`: prices move, price rows are withdrawn, skus are renamed, come and go. */
export function billionConnectCatalogAt(
  seed: number,
  generation: number,
  size?: number,
  churn?: number,
): BcSimProduct[] {
  const base = billionConnectSeedItems(seed, size);
  return evolve(
    base,
    seed,
    generation,
    {
      movePrice: (product, factor) => ({
        ...product,
        prices: product.prices.map((row) => ({
          ...row,
          settlementPrice: scaled(row.settlementPrice, factor, 4),
          retailPrice: row.retailPrice === '0' ? '0' : scaled(row.retailPrice, factor, 2),
        })),
      }),
      // No stock in this API; what moves instead is which durations a sku is sold for.
      moveStock: (product) =>
        product.prices.length > 2 ? { ...product, prices: product.prices.slice(0, -1) } : product,
      retitle: (product, step) => ({
        ...product,
        name: {
          en: `${withoutVersion(product.name.en)} v${step + 1}`,
          zh: `${withoutVersion(product.name.zh)} v${step + 1}`,
        },
      }),
      newItem: (step, n) => {
        const template = base[(step * 7 + n * 13) % base.length].value;
        return {
          ...template,
          skuId: `1790${String(step * 100 + n).padStart(12, '0')}`,
          name: { en: `${template.name.en} (5G)`, zh: `${template.name.zh}（5G）` },
        };
      },
    },
    { churn },
  );
}

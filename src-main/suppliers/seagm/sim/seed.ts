import { evolve, type SeedItem } from '../../shared/sim/catalog-evolution';
import { hashUnit } from '../../shared/sim/seeded-random';

/** The shapes a SEAGM server stores, field for field as the doc's responses show them. */
export interface SimCardCategory {
  id: number;
  name: string;
  code: string;
  mode: 'pin';
  region: string;
  publisher: string;
  auto_delivery: boolean;
}

/** The fields SEAGM's card types and recharge types share. */
interface SimGoodsType {
  id: number;
  name: string;
  category_id: number;
  par_value_currency: string;
  par_value: number;
  currency: string;
  unit_price: number;
  max_amount: number;
  min_amount: number;
  origin_price: number;
  discount_rate: number;
}

export interface SimCardType extends SimGoodsType {
  category_name: string;
  has_stock: boolean;
}

export interface SimChildSelect {
  name: string;
  label: string;
  prefix: string;
  options: Array<{ parent_value: string; child_options: Array<{ label: string; value: string }> }>;
}

export interface SimInputField {
  name: string;
  type: 'input' | 'select';
  label: string;
  multiline: boolean;
  placeholder: string;
  prefix: string;
  position: number;
  /** Spelled `lable` because that is how the doc's field table spells it. */
  options?: Array<{ lable: string; value: string; child?: SimChildSelect[] }>;
}

export interface SimRechargeCategory {
  id: number;
  name: string;
  code: string;
  auto_delivery: boolean;
}

export interface SimRechargeType extends SimGoodsType {
  fields: SimInputField[];
}

export interface SimCountry {
  id: number;
  icon: string;
  code: string;
  name: string;
  calling_code: string;
}

export interface SimOperator {
  id: number;
  logo: string;
  name: string;
  code: string;
  country_name: string;
  country_code: string;
}

export type MobileProductType = 'airtime' | 'data' | 'bundle';

export interface SimMobileProduct {
  product_id: number;
  product_name: string;
  product_type: MobileProductType;
  product_desc: string;
  currency: string;
  origin_price: number;
  discount_rate: number;
  unit_price: number;
  validity: string;
  local_tax: string;
  local_received: string;
}

/** One sellable thing; the directories (categories, countries, operators) stay put between generations. */
export type SimGood =
  | { family: 'card'; item: SimCardType }
  | { family: 'recharge'; item: SimRechargeType }
  | { family: 'mobile'; operatorId: number; item: SimMobileProduct };

export interface SeagmSimCatalog {
  cardCategories: SimCardCategory[];
  rechargeCategories: SimRechargeCategory[];
  countries: SimCountry[];
  operators: SimOperator[];
  goods: SimGood[];
}

/** Rough worth of one unit in USD: enough to make prices across currencies plausible, not a rate feed. */
export const USD_PER_UNIT: Record<string, number> = {
  USD: 1,
  MYR: 0.213,
  SGD: 0.74,
  PHP: 0.0175,
  IDR: 0.0000615,
  THB: 0.0275,
  VND: 0.0000395,
  CNY: 0.138,
};
/** Currencies SEAGM prices in whole units. */
const WHOLE_UNIT_CURRENCIES = new Set(['IDR', 'VND']);
const DISCOUNT_RATES = [0, 0, 0.5, 1, 1.5, 2, 2, 2.5, 3, 4, 5];

function roundPrice(value: number, currency: string): number {
  return Number(value.toFixed(WHOLE_UNIT_CURRENCIES.has(currency) ? 0 : 2));
}

/** origin_price from a face value at rough FX plus a markup; unit_price is origin less discount_rate percent. */
function pricing(
  seed: number,
  key: string | number,
  face: number,
  faceCurrency: string,
  currency: string,
  markup: [number, number],
) {
  const factor = markup[0] + hashUnit(seed, 'markup', key) * (markup[1] - markup[0]);
  const origin = roundPrice(
    Math.max(((face * USD_PER_UNIT[faceCurrency]) / USD_PER_UNIT[currency]) * factor, 0.1),
    currency,
  );
  const discount = DISCOUNT_RATES[Math.floor(hashUnit(seed, 'discount', key) * DISCOUNT_RATES.length)];
  return { origin_price: origin, discount_rate: discount, unit_price: withDiscount(origin, discount, currency) };
}

function withDiscount(origin: number, discountRate: number, currency: string): number {
  return Math.max(
    roundPrice(origin * (1 - discountRate / 100), currency),
    WHOLE_UNIT_CURRENCIES.has(currency) ? 1 : 0.01,
  );
}

const REGION_CURRENCY: Record<string, { currency: string; label: string }> = {
  US: { currency: 'USD', label: 'US$' },
  GLOBAL: { currency: 'USD', label: 'US$' },
  MY: { currency: 'MYR', label: 'RM' },
  SG: { currency: 'SGD', label: 'S$' },
  PH: { currency: 'PHP', label: 'PHP' },
  ID: { currency: 'IDR', label: 'IDR' },
  TH: { currency: 'THB', label: 'THB' },
};

/** Gift cards SEAGM really sells, per storefront region, with the denominations those regions use. */
const CARD_BRANDS: ReadonlyArray<{ brand: string; publisher: string; regions: Record<string, number[]> }> = [
  {
    brand: 'Steam Wallet Code',
    publisher: 'Valve',
    regions: {
      US: [5, 10, 20, 50, 100],
      MY: [10, 20, 30, 50, 100, 200],
      SG: [5, 10, 20, 50, 100],
      PH: [50, 100, 250, 500, 1000],
      ID: [12000, 45000, 60000, 90000, 120000, 250000, 400000, 600000],
      TH: [50, 100, 200, 350, 500, 1000],
    },
  },
  {
    brand: 'Google Play Gift Card',
    publisher: 'Google',
    regions: {
      US: [10, 25, 50, 100],
      MY: [10, 20, 50, 100, 200, 300],
      ID: [20000, 50000, 100000, 150000, 300000, 500000],
      TH: [50, 150, 300, 500, 1000],
      PH: [100, 250, 500, 1000],
    },
  },
  {
    brand: 'Razer Gold Pin',
    publisher: 'Razer',
    regions: {
      GLOBAL: [1, 2, 5, 10, 20, 50, 100],
      MY: [10, 20, 50, 100, 200, 500],
      SG: [5, 10, 20, 50, 100],
      PH: [50, 100, 200, 500, 1000],
      ID: [10000, 20000, 50000, 100000, 200000, 500000],
      TH: [50, 100, 300, 500, 1000],
    },
  },
  {
    brand: 'PlayStation Store Gift Card',
    publisher: 'Sony',
    regions: { US: [10, 25, 50, 75, 100], MY: [30, 50, 100, 200], SG: [20, 30, 50, 100], TH: [200, 300, 500, 1000] },
  },
  {
    brand: 'Apple Gift Card',
    publisher: 'Apple',
    regions: { US: [2, 5, 10, 25, 50, 100], SG: [10, 20, 50, 100], MY: [50, 100, 200, 300] },
  },
  {
    brand: 'Garena Shells',
    publisher: 'Garena',
    regions: {
      MY: [10, 20, 50, 100],
      SG: [5, 10, 20, 50],
      PH: [50, 100, 250, 500, 1000],
      TH: [50, 100, 300, 500, 1000],
      ID: [33000, 66000, 165000, 330000],
    },
  },
  { brand: 'Nintendo eShop Card', publisher: 'Nintendo', regions: { US: [10, 20, 35, 50] } },
  { brand: 'Xbox Gift Card', publisher: 'Microsoft', regions: { US: [5, 10, 15, 25, 50, 100] } },
  { brand: 'Netflix Gift Card', publisher: 'Netflix', regions: { US: [25, 30, 50, 60, 100] } },
  { brand: 'Spotify Premium', publisher: 'Spotify', regions: { US: [10, 30, 60, 99] } },
  { brand: 'Roblox Gift Card', publisher: 'Roblox', regions: { US: [10, 25, 50] } },
  { brand: 'Blizzard Gift Card', publisher: 'Blizzard', regions: { US: [20, 50, 100] } },
  { brand: 'Cubizone Cubicards', publisher: 'Cubizone', regions: { MY: [10, 30, 50, 100] } },
];

const playerId = (position: number, name = 'player_id', label = 'Player ID'): SimInputField => ({
  name,
  type: 'input',
  label,
  multiline: false,
  placeholder: `Please enter ${label}`,
  prefix: '',
  position,
});

const HOYOVERSE_SERVERS = (position: number): SimInputField => ({
  name: 'server',
  type: 'select',
  label: 'Server',
  multiline: false,
  placeholder: 'Please select Server',
  prefix: '',
  position,
  options: [
    { lable: 'America', value: 'os_usa' },
    { lable: 'Europe', value: 'os_euro' },
    { lable: 'Asia', value: 'os_asia' },
    { lable: 'TW, HK, MO', value: 'os_cht' },
  ],
});

/** Ragnarok picks a region, then a server inside it: the doc's nested "child" select. */
const RAGNAROK_SERVER: SimInputField = {
  name: 'region',
  type: 'select',
  label: 'Region',
  multiline: false,
  placeholder: 'Please select Region',
  prefix: '',
  position: 2,
  options: [
    {
      lable: 'SEA',
      value: 'sea',
      child: [
        {
          name: 'server',
          label: 'Server',
          prefix: '',
          options: [
            {
              parent_value: 'sea',
              child_options: [
                { label: 'Prontera', value: '1001' },
                { label: 'Izlude', value: '1002' },
              ],
            },
          ],
        },
      ],
    },
    {
      lable: 'Global',
      value: 'global',
      child: [
        {
          name: 'server',
          label: 'Server',
          prefix: '',
          options: [
            {
              parent_value: 'global',
              child_options: [
                { label: 'Valhalla', value: '2001' },
                { label: 'Midgard', value: '2002' },
              ],
            },
          ],
        },
      ],
    },
  ],
};

/** Direct top-up games: what the buyer must type in, and the packs with their list price in `faceCurrency`. */
const TOPUP_GAMES: ReadonlyArray<{
  name: string;
  code: string;
  unit: string;
  faceCurrency: string;
  currency: string;
  fields: SimInputField[];
  packs: Array<[number, number]>;
}> = [
  {
    name: 'Mobile Legends: Bang Bang Diamonds Top Up (MY)',
    code: 'mobile-legends-diamonds-my',
    unit: 'Diamonds',
    faceCurrency: 'MYR',
    currency: 'MYR',
    fields: [playerId(1, 'user_id', 'User ID'), playerId(2, 'zone_id', 'Zone ID')],
    packs: [
      [14, 1.2],
      [42, 3.6],
      [70, 6],
      [140, 12],
      [284, 24],
      [355, 30],
      [429, 36],
      [716, 60],
      [1446, 120],
    ],
  },
  {
    name: 'PUBG Mobile UC Top Up (Global)',
    code: 'pubg-mobile-uc-global',
    unit: 'UC',
    faceCurrency: 'USD',
    currency: 'USD',
    fields: [playerId(1)],
    packs: [
      [60, 0.99],
      [325, 4.99],
      [660, 9.99],
      [1800, 24.99],
      [3850, 49.99],
      [8100, 99.99],
    ],
  },
  {
    name: 'Genshin Impact Genesis Crystals Top Up',
    code: 'genshin-impact-top-up',
    unit: 'Genesis Crystals',
    faceCurrency: 'USD',
    currency: 'MYR',
    fields: [playerId(1, 'uid', 'UID'), HOYOVERSE_SERVERS(2)],
    packs: [
      [60, 0.99],
      [330, 4.99],
      [1090, 14.99],
      [2240, 29.99],
      [3880, 49.99],
      [8080, 99.99],
    ],
  },
  {
    name: 'Honkai: Star Rail Oneiric Shard Top Up',
    code: 'honkai-star-rail-top-up',
    unit: 'Oneiric Shards',
    faceCurrency: 'USD',
    currency: 'SGD',
    fields: [playerId(1, 'uid', 'UID'), HOYOVERSE_SERVERS(2)],
    packs: [
      [60, 0.99],
      [330, 4.99],
      [1090, 14.99],
      [2240, 29.99],
      [3880, 49.99],
      [8080, 99.99],
    ],
  },
  {
    name: 'Free Fire Diamonds Top Up (ID)',
    code: 'free-fire-diamonds-id',
    unit: 'Diamonds',
    faceCurrency: 'IDR',
    currency: 'IDR',
    fields: [playerId(1)],
    packs: [
      [50, 7000],
      [70, 10000],
      [140, 20000],
      [355, 50000],
      [720, 100000],
      [1450, 200000],
      [2180, 300000],
      [3640, 500000],
    ],
  },
  {
    name: 'Valorant Points Top Up (MY)',
    code: 'valorant-points-my',
    unit: 'Valorant Points',
    faceCurrency: 'MYR',
    currency: 'MYR',
    fields: [{ ...playerId(1, 'riot_id', 'Riot ID'), placeholder: 'Name#TAG' }],
    packs: [
      [475, 20],
      [1000, 40],
      [2050, 80],
      [3650, 140],
      [5350, 200],
      [11000, 400],
    ],
  },
  {
    name: 'Call of Duty: Mobile CP Top Up (Global)',
    code: 'call-of-duty-mobile-cp',
    unit: 'CP',
    faceCurrency: 'USD',
    currency: 'USD',
    fields: [playerId(1, 'open_id', 'Open ID')],
    packs: [
      [80, 0.99],
      [400, 4.99],
      [800, 9.99],
      [2000, 24.99],
      [5000, 49.99],
    ],
  },
  {
    name: 'Arena of Valor Vouchers Top Up (TH)',
    code: 'arena-of-valor-th',
    unit: 'Vouchers',
    faceCurrency: 'THB',
    currency: 'THB',
    fields: [playerId(1, 'open_id', 'Open ID')],
    packs: [
      [24, 35],
      [115, 165],
      [235, 329],
      [475, 659],
      [1190, 1649],
    ],
  },
  {
    name: 'Ragnarok X: Next Generation Top Up (SEA)',
    code: 'ragnarok-x-next-generation',
    unit: 'Diamonds',
    faceCurrency: 'USD',
    currency: 'PHP',
    fields: [{ ...playerId(1, 'char_id', 'Character ID'), prefix: 'ID' }, RAGNAROK_SERVER],
    packs: [
      [60, 0.99],
      [300, 4.99],
      [980, 14.99],
      [1980, 29.99],
      [3280, 49.99],
    ],
  },
  {
    name: 'Honor of Kings Tokens Top Up',
    code: 'honor-of-kings-tokens',
    unit: 'Tokens',
    faceCurrency: 'USD',
    currency: 'USD',
    fields: [playerId(1)],
    packs: [
      [16, 0.2],
      [80, 0.99],
      [240, 2.99],
      [400, 4.99],
      [800, 9.99],
      [1200, 14.99],
      [2400, 29.99],
    ],
  },
];

const MOBILE_COUNTRIES: ReadonlyArray<{
  country: Omit<SimCountry, 'icon'>;
  local: string;
  pricedIn: string;
  faces: number[];
  operators: Array<[number, string]>;
}> = [
  {
    country: { id: 12, code: 'id', name: 'Indonesia', calling_code: '62' },
    local: 'IDR',
    pricedIn: 'MYR',
    faces: [10000, 25000, 50000, 100000, 200000],
    operators: [
      [199, 'Telkomsel Indonesia'],
      [196, 'XL Indonesia'],
      [197, 'Indosat Indonesia'],
      [198, 'Tri Indonesia'],
      [200, 'Smartfren Indonesia'],
    ],
  },
  {
    country: { id: 1, code: 'my', name: 'Malaysia', calling_code: '60' },
    local: 'MYR',
    pricedIn: 'MYR',
    faces: [5, 10, 30, 50, 100],
    operators: [
      [248, 'Celcom Malaysia'],
      [249, 'DiGi Malaysia'],
      [250, 'Maxis Malaysia'],
      [252, 'UMobile Malaysia'],
      [253, 'Tune Talk Malaysia'],
    ],
  },
  {
    country: { id: 14, code: 'ph', name: 'Philippines', calling_code: '63' },
    local: 'PHP',
    pricedIn: 'PHP',
    faces: [50, 100, 300, 500, 1000],
    operators: [
      [301, 'Globe Philippines'],
      [302, 'Smart Philippines'],
      [303, 'TNT Philippines'],
      [304, 'DITO Philippines'],
    ],
  },
  {
    country: { id: 15, code: 'th', name: 'Thailand', calling_code: '66' },
    local: 'THB',
    pricedIn: 'THB',
    faces: [50, 100, 300, 500],
    operators: [
      [321, 'AIS Thailand'],
      [322, 'DTAC Thailand'],
      [323, 'TrueMove H Thailand'],
    ],
  },
  {
    country: { id: 3, code: 'sg', name: 'Singapore', calling_code: '65' },
    local: 'SGD',
    pricedIn: 'SGD',
    faces: [10, 15, 28, 50],
    operators: [
      [341, 'Singtel Singapore'],
      [342, 'StarHub Singapore'],
      [343, 'M1 Singapore'],
    ],
  },
  {
    country: { id: 20, code: 'vn', name: 'Vietnam', calling_code: '84' },
    local: 'VND',
    pricedIn: 'USD',
    faces: [20000, 50000, 100000, 200000, 500000],
    operators: [
      [361, 'Viettel Vietnam'],
      [362, 'Vinaphone Vietnam'],
      [363, 'Mobifone Vietnam'],
    ],
  },
  {
    country: { id: 7, code: 'cn', name: 'China', calling_code: '86' },
    local: 'CNY',
    pricedIn: 'MYR',
    faces: [30, 50, 100, 200],
    operators: [
      [80, 'China Mobile China'],
      [81, 'China Unicom China'],
      [82, 'China Telecom China'],
    ],
  },
];

const DATA_PLANS: ReadonlyArray<{ gb: number; days: number }> = [
  { gb: 1, days: 7 },
  { gb: 1.5, days: 30 },
  { gb: 3, days: 30 },
  { gb: 5, days: 30 },
  { gb: 10, days: 30 },
];

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
const MEDIA = 'https://seagm-media.seagmcdn.com/mobile-recharge';

interface Directories {
  cardCategories: SimCardCategory[];
  rechargeCategories: SimRechargeCategory[];
  countries: SimCountry[];
  operators: SimOperator[];
}

/** Everything the seed can sell, before `size` trims it: about 520 goods over 3 families. */
function fullSeed(seed: number): Directories & { goods: SeedItem<SimGood>[] } {
  const dirs: Directories = { cardCategories: [], rechargeCategories: [], countries: [], operators: [] };
  const goods: SeedItem<SimGood>[] = [];

  let categoryId = 1000;
  let typeId = 10000;
  for (const { brand, publisher, regions } of CARD_BRANDS) {
    for (const [region, faces] of Object.entries(regions)) {
      const { currency, label } = REGION_CURRENCY[region];
      const regionName = region === 'GLOBAL' ? 'Global' : region;
      const category: SimCardCategory = {
        id: ++categoryId,
        name: `${brand} (${regionName})`,
        code: slug(`${brand} ${regionName}`),
        mode: 'pin',
        region: region === 'GLOBAL' ? '' : region,
        publisher,
        auto_delivery: hashUnit(seed, 'manual-card', categoryId) >= 0.12,
      };
      dirs.cardCategories.push(category);
      for (const face of faces) {
        const id = ++typeId;
        goods.push({
          key: `card-${id}`,
          value: {
            family: 'card',
            item: {
              id,
              name: `${brand} ${label} ${face}${region === 'GLOBAL' ? '' : ` (${region})`}`,
              category_id: category.id,
              category_name: category.name,
              par_value_currency: currency,
              par_value: face,
              currency,
              ...pricing(seed, id, face, currency, currency, [0.98, 1.06]),
              max_amount: [10, 20, 50, 100][Math.floor(hashUnit(seed, 'max', id) * 4)],
              min_amount: 1,
              has_stock: hashUnit(seed, 'stock', id) >= 0.15,
            },
          },
        });
      }
    }
  }

  let rechargeCategoryId = 630;
  let rechargeTypeId = 2900;
  for (const game of TOPUP_GAMES) {
    const category: SimRechargeCategory = {
      id: ++rechargeCategoryId,
      name: game.name,
      code: game.code,
      auto_delivery: hashUnit(seed, 'auto-topup', rechargeCategoryId) < 0.6,
    };
    dirs.rechargeCategories.push(category);
    for (const [amount, face] of game.packs) {
      const id = ++rechargeTypeId;
      goods.push({
        key: `recharge-${id}`,
        value: {
          family: 'recharge',
          item: {
            id,
            name: `${game.name.replace(/ Top Up.*$/, '').replace(/ (Diamonds|UC|Genesis Crystals|Oneiric Shard|Valorant Points|CP|Vouchers|Tokens)$/, '')} ${amount} ${game.unit}`,
            category_id: category.id,
            par_value_currency: game.faceCurrency,
            par_value: face,
            currency: game.currency,
            ...pricing(seed, id, face, game.faceCurrency, game.currency, [0.97, 1.05]),
            // The doc's own example has max_amount 0 where no maximum applies.
            max_amount: hashUnit(seed, 'max', id) < 0.2 ? 0 : [1, 5, 10][Math.floor(hashUnit(seed, 'max-n', id) * 3)],
            min_amount: 1,
            fields: game.fields,
          },
        },
      });
    }
  }

  let productId = 4500;
  for (const { country, local, pricedIn, faces, operators } of MOBILE_COUNTRIES) {
    dirs.countries.push({
      id: country.id,
      icon: `${MEDIA}/region/flag-${country.code}.svg`,
      code: country.code,
      name: country.name,
      calling_code: country.calling_code,
    });
    for (const [operatorId, operatorName] of operators) {
      const code = operatorName.replace(/\s+/g, '-');
      dirs.operators.push({
        id: operatorId,
        logo: `${MEDIA}/operator/logo-${code}.png`,
        name: operatorName,
        code,
        country_name: country.name,
        country_code: country.code,
      });
      const brand = operatorName.replace(` ${country.name}`, '');
      const mobile = (
        item: Omit<
          SimMobileProduct,
          'product_id' | 'currency' | 'local_tax' | 'origin_price' | 'unit_price' | 'discount_rate'
        >,
        worthUsd: number,
      ) => {
        const id = ++productId;
        goods.push({
          key: `mobile-${id}`,
          value: {
            family: 'mobile',
            operatorId,
            item: {
              product_id: id,
              ...item,
              currency: pricedIn,
              local_tax: '0',
              ...pricing(seed, id, worthUsd, 'USD', pricedIn, [1.02, 1.12]),
            },
          },
        });
      };
      for (const face of faces) {
        const validity = hashUnit(seed, 'validity', operatorId, face) < 0.5 ? '' : '30 Days';
        const desc =
          hashUnit(seed, 'desc', operatorId, face) < 0.7 ? `${face} ${local}` : `${local} ${face.toFixed(2)}`;
        mobile(
          {
            product_name: `${face} ${local} Credits`,
            product_type: 'airtime',
            product_desc: desc,
            validity,
            local_received: `${face} ${local} Credits`,
          },
          face * USD_PER_UNIT[local],
        );
      }
      for (const plan of DATA_PLANS) {
        if (hashUnit(seed, 'data', operatorId, plan.gb) < 0.35) continue;
        const text = `${plan.gb}GB data, ${plan.days} days`;
        mobile(
          {
            product_name: `${brand} Internet ${plan.gb}GB, ${plan.days} Days`,
            product_type: 'data',
            product_desc: text,
            validity: `${plan.days} Days`,
            local_received: text,
          },
          1.2 + plan.gb * 1.4 + plan.days * 0.04,
        );
      }
      for (const [gb, minutes] of [
        [5, 20],
        [10, 40],
      ]) {
        if (hashUnit(seed, 'bundle', operatorId, gb) < 0.4) continue;
        const text = `${gb}GB data + ${minutes} minutes talktime to all operators, 30 days`;
        mobile(
          {
            product_name: `${brand} Combo ${gb}GB + ${minutes} min`,
            product_type: 'bundle',
            product_desc: text,
            validity: '30 Days',
            local_received: text,
          },
          3 + gb * 1.3 + minutes * 0.05,
        );
      }
    }
  }
  return { ...dirs, goods };
}

/** The generation-0 goods: every seeded good, or a stable subset of about `size` when asked for fewer. */
export function seagmSeedItems(seed: number, size?: number): { directories: Directories; goods: SeedItem<SimGood>[] } {
  const { goods, ...directories } = fullSeed(seed);
  if (size === undefined || size >= goods.length) return { directories, goods };
  const share = Math.max(0, size) / goods.length;
  const kept = goods.filter((good) => hashUnit(seed, 'keep', good.key) < share);
  // Evolution clones existing goods to make new ones, so it needs at least one to start from.
  return { directories, goods: kept.length > 0 ? kept : goods.slice(0, 1) };
}

function goodPrices<T extends { origin_price: number; discount_rate: number; unit_price: number; currency: string }>(
  item: T,
  factor: number,
): T {
  const origin = Math.max(
    roundPrice(item.origin_price * factor, item.currency),
    WHOLE_UNIT_CURRENCIES.has(item.currency) ? 1 : 0.01,
  );
  return { ...item, origin_price: origin, unit_price: withDiscount(origin, item.discount_rate, item.currency) };
}

function revised(name: string, step: number): string {
  return `${name.replace(/ \(Rev \d+\)$/, '')} (Rev ${step + 1})`;
}

/** The catalog at `generation`: each step moves some prices and stock, retitles, drops and adds goods. */
export function seagmCatalogAt(seed: number, generation: number, size?: number, churn?: number): SeagmSimCatalog {
  const { directories, goods: base } = seagmSeedItems(seed, size);
  const goods = evolve<SimGood>(
    base,
    seed,
    generation,
    {
      movePrice: (good, factor) => ({ ...good, item: goodPrices(good.item, factor) }) as SimGood,
      // Only card types report stock; the doc gives top-ups and mobile products none to move.
      moveStock: (good) =>
        good.family === 'card' ? { ...good, item: { ...good.item, has_stock: !good.item.has_stock } } : good,
      retitle: (good, step) =>
        (good.family === 'mobile'
          ? { ...good, item: { ...good.item, product_name: revised(good.item.product_name, step) } }
          : { ...good, item: { ...good.item, name: revised(good.item.name, step) } }) as SimGood,
      newItem: (step, n) => {
        const template = base[(step * 7 + n * 13) % base.length].value;
        const id = 900000 + step * 10 + n;
        if (template.family === 'mobile')
          return {
            ...template,
            item: { ...template.item, product_id: id, product_name: `${template.item.product_name} Special` },
          };
        return { ...template, item: { ...template.item, id, name: `${template.item.name} Special` } } as SimGood;
      },
    },
    { churn },
  );
  return { ...directories, goods };
}

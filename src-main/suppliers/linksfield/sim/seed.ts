import { DESTINATIONS, REGIONS } from '../../../domain/geography';
import { formatDataSize } from '../../shared/sim/demo-vocabulary';
import { evolve, type SeedItem } from '../../shared/sim/catalog-evolution';
import { hashUnit } from '../../shared/sim/seeded-random';
import { englishCountryName, isoFromMcc, mccFromIso } from '../countries';

/** One `currencyInfos` entry as FMS serves it. */
export interface SimPrice {
  currencyAbbr: string;
  currencyId: number;
  currencyName: string;
  currencySymbol: string;
  digitsNum: number;
  price: number;
  unit: string;
}

/** A package as the FMS simulator stores it: the detail fields, plus where the portal lists it. */
export interface SimPackage {
  id: number;
  packageId: number;
  packageCode: string;
  packageShowName: string;
  packageShortDesc: string;
  packageDesc: string;
  /** MB; per day when packageType is 2. */
  packageFlow: number;
  /** 1 total for the validity, 2 per day. */
  packageType: 1 | 2;
  period: number;
  periodUnit: 'DAY' | 'MONTH';
  minOrderPeriod: number;
  maxOrderPeriod: number;
  buyType: number;
  priceType: number;
  /** MCCs the package really covers. */
  coverCountrys: string[];
  logo: string;
  saleCount: number;
  surplusFlow: number;
  updateTime: string;
  currencyInfos: SimPrice[];
  /**
   * MCCs the FMS portal shows it under. The docs warn this can be fewer than it covers (a 67-country
   * package seen under 3), so regional packages are listed under only some of their countries.
   */
  listedUnder: string[];
}

const CURRENCIES = [
  { currencyAbbr: 'USD', currencyId: 1, currencyName: 'US Dollar', currencySymbol: '$', perUsd: 1 },
  { currencyAbbr: 'CNY', currencyId: 2, currencyName: 'Chinese Yuan', currencySymbol: '¥', perUsd: 7.19 },
  { currencyAbbr: 'HKD', currencyId: 3, currencyName: 'Hong Kong Dollar', currencySymbol: 'HK$', perUsd: 7.82 },
  { currencyAbbr: 'EUR', currencyId: 4, currencyName: 'Euro', currencySymbol: '€', perUsd: 0.92 },
] as const;

type Shape = { type: 'total' | 'daily' | 'monthly'; mb: number; period: number };

const SHAPES: readonly Shape[] = [
  ...[
    [1024, 3],
    [1024, 7],
    [3072, 7],
    [3072, 15],
    [5120, 7],
    [5120, 15],
    [5120, 30],
    [10240, 15],
    [10240, 30],
    [20480, 30],
  ].map(([mb, period]): Shape => ({ type: 'total', mb, period })),
  ...[500, 1024, 2048].flatMap((mb) => [1, 3, 5, 7, 10].map((period): Shape => ({ type: 'daily', mb, period }))),
  ...[
    [20480, 1],
    [51200, 1],
    [102400, 3],
  ].map(([mb, period]): Shape => ({ type: 'monthly', mb, period })),
];

const REGIONAL_SHAPES: readonly Shape[] = [
  { type: 'total', mb: 3072, period: 7 },
  { type: 'total', mb: 5120, period: 15 },
  { type: 'total', mb: 10240, period: 30 },
  { type: 'total', mb: 20480, period: 30 },
  { type: 'daily', mb: 1024, period: 7 },
];

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

function showName(place: string, shape: Shape): string {
  const size = formatDataSize(shape.mb);
  if (shape.type === 'daily') return `${place} ${size}/Day ${plural(shape.period, 'Day')}`;
  if (shape.type === 'monthly') return `${place} ${size} ${plural(shape.period, 'Month')}`;
  return `${place} ${size} ${plural(shape.period, 'Day')}`;
}

function priceUsd(shape: Shape, factor: number): number {
  const gb = shape.mb / 1024;
  const base =
    shape.type === 'daily'
      ? (0.9 + gb * 1.4) * shape.period
      : shape.type === 'monthly'
        ? 4 + gb * 0.55 + shape.period * 3
        : 1.5 + gb * 1.1 + shape.period * 0.08;
  return Math.round(base * factor * 100) / 100;
}

function prices(seed: number, id: number, usd: number): SimPrice[] {
  // A few packages are not offered in EUR, so an EUR account meets a package it cannot cost.
  const withoutEur = hashUnit(seed, 'no-eur', id) < 0.05;
  return CURRENCIES.filter((c) => !(withoutEur && c.currencyAbbr === 'EUR')).map((c) => ({
    currencyAbbr: c.currencyAbbr,
    currencyId: c.currencyId,
    currencyName: c.currencyName,
    currencySymbol: c.currencySymbol,
    digitsNum: 2,
    price: Math.round(usd * c.perUsd * 100) / 100,
    unit: c.currencyAbbr,
  }));
}

function simPackage(
  seed: number,
  id: number,
  place: string,
  code: string,
  shape: Shape,
  covers: string[],
  listedUnder: string[],
  factor: number,
): SimPackage {
  const days = shape.type === 'monthly' ? shape.period * 30 : shape.period;
  const size = formatDataSize(shape.mb);
  const where = covers.map((mcc) => englishCountryName(isoFromMcc(mcc) ?? mcc)).join(', ');
  return {
    id,
    packageId: 600000 + id,
    packageCode: `LF-${code}-${size}-${shape.period}${shape.type === 'monthly' ? 'M' : 'D'}${shape.type === 'daily' ? '-DAILY' : ''}`,
    packageShowName: showName(place, shape),
    packageShortDesc: shape.type === 'daily' ? `${size} high-speed data every day` : `${size} high-speed data`,
    packageDesc: `Data in ${where}. Starts on first connection and lasts ${days} days.`,
    packageFlow: shape.mb,
    packageType: shape.type === 'daily' ? 2 : 1,
    period: shape.period,
    periodUnit: shape.type === 'monthly' ? 'MONTH' : 'DAY',
    minOrderPeriod: shape.period,
    maxOrderPeriod: shape.period,
    buyType: 1,
    priceType: 1,
    coverCountrys: covers,
    logo: `https://cdn.example.com/linksfield/${code.toLowerCase()}.png`,
    saleCount: Math.floor(hashUnit(seed, 'sales', id) * 5000),
    surplusFlow: shape.mb,
    updateTime: '2026-03-01 10:00:00',
    currencyInfos: prices(seed, id, priceUsd(shape, factor)),
    listedUnder,
  };
}

function mccOf(iso: string): string {
  const mcc = mccFromIso(iso);
  if (!mcc) throw new Error(`no MCC known for ${iso}`);
  return mcc;
}

/** The generation-0 catalog: about `size` packages, regional ones first, then single-country ones. */
export function linksfieldSeedItems(seed: number, size = 320): SeedItem<SimPackage>[] {
  const items: SeedItem<SimPackage>[] = [];
  let regionalId = 30000;
  for (const region of REGIONS) {
    const covers = region.countries.map(mccOf);
    const place = region.en.replace(/ (\d+)-Country$/, ' $1 Countries');
    for (const shape of REGIONAL_SHAPES) {
      const id = ++regionalId;
      const listedUnder = covers.filter((mcc, index) => index === 0 || hashUnit(seed, 'listed', id, mcc) < 0.6);
      items.push({
        key: id,
        value: simPackage(seed, id, place, region.code, shape, covers, listedUnder, 1.15 + covers.length * 0.04),
      });
    }
  }
  const candidates = DESTINATIONS.flatMap((destination, d) =>
    SHAPES.map((shape, s) => ({
      destination,
      shape,
      order: d * 100 + s,
      pick: hashUnit(seed, 'pick', destination.iso, s),
    })),
  );
  const chosen = candidates
    .sort((a, b) => a.pick - b.pick)
    .slice(0, Math.max(0, size - items.length))
    .sort((a, b) => a.order - b.order);
  let singleId = 10000;
  for (const { destination, shape } of chosen) {
    const id = ++singleId;
    const mcc = mccOf(destination.iso);
    items.push({
      key: id,
      value: simPackage(
        seed,
        id,
        destination.en,
        destination.iso,
        shape,
        [mcc],
        [mcc],
        0.75 + hashUnit(seed, 'country', destination.iso) * 0.7,
      ),
    });
  }
  return items;
}

/** The catalog at `generation`: prices, sales counts and names move, packages vanish and appear. */
export function linksfieldCatalogAt(seed: number, generation: number, size?: number, churn?: number): SimPackage[] {
  const base = linksfieldSeedItems(seed, size);
  return evolve(
    base,
    seed,
    generation,
    {
      movePrice: (pkg, factor, step) => ({
        ...pkg,
        currencyInfos: pkg.currencyInfos.map((info) => ({
          ...info,
          price: Math.round(info.price * factor * 100) / 100,
        })),
        updateTime: `2026-03-${String(1 + (step % 28)).padStart(2, '0')} 10:00:00`,
      }),
      moveStock: (pkg, step) => ({ ...pkg, saleCount: pkg.saleCount + 17 * step }),
      retitle: (pkg, step) => ({
        ...pkg,
        packageShowName: `${pkg.packageShowName.replace(/ \(v\d+\)$/, '')} (v${step + 1})`,
      }),
      newItem: (step, n) => {
        const template = base[(step * 7 + n * 13) % base.length].value;
        const id = 90000 + step * 10 + n;
        return {
          ...template,
          id,
          packageId: 600000 + id,
          packageCode: `${template.packageCode}-N${step}${n}`,
          packageShowName: `${template.packageShowName} Plus`,
        };
      },
    },
    { churn },
  );
}

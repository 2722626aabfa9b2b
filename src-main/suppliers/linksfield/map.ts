import { money } from '../../domain/money';
import type { Offer } from '../../domain/offer';
import { isoFromCountryToken, readCoverage } from './countries';
import { dataAllowance, isDailyAllowance, validityDays } from './plan-fields';
import { priceIn, readPrices } from './prices';
import type { PackageDetail } from './schemas';
import { skippedText } from '../../../src-shared/skipped-text';

export interface MapContext {
  /** The account currency: the one price that becomes the cost. */
  currency: string;
  /** MCCs each package id was listed under, from the country walk. */
  listedUnder: ReadonlyMap<string, readonly string[]>;
}

export function mapPackageDetail(detail: PackageDetail, context: MapContext): Offer {
  const id = String(detail.id);
  const listedUnder = context.listedUnder.get(id);
  if (!listedUnder) throw new Error(skippedText('skip.packageUnlisted', { id }));
  const priceList = readPrices(detail.currencyInfos);
  const cost = priceIn(priceList, context.currency);
  const days = validityDays(detail.period, detail.periodUnit);
  const data = dataAllowance(detail.packageFlow);
  const coverage = readCoverage(detail.coverCountrys);
  // Listing under a country (type 1) means the package covers it, so listings fill gaps in coverCountrys.
  const countries = new Set(coverage.countries);
  for (const listedAs of listedUnder) {
    const iso = isoFromCountryToken(listedAs);
    if (iso) countries.add(iso);
  }
  const name = detail.packageShowName;
  const perDay = isDailyAllowance(detail.packageType);
  return {
    productId: id,
    skuId: id,
    variant: '',
    kind: 'esim',
    // The docs promise English names; a Chinese one is still labelled as what it is.
    titles: { [/[\u3400-\u9fff]/.test(name) ? 'zh-CN' : 'en']: name },
    category: null,
    cost: money(cost.amount, cost.currency),
    retailPrice: null,
    originalPrice: null,
    // FMS reserves a profile only at pre-order and never reports stock.
    stock: { status: 'unknown', quantity: null },
    // Each pre-order reserves exactly one eSIM profile.
    minQuantity: 1,
    maxQuantity: 1,
    fulfillment: { mode: 'auto', inputFields: [] },
    images: detail.logo ? [detail.logo] : [],
    plan: {
      countries: [...countries].sort(),
      dataMB: data.dataMB,
      unlimited: data.unlimited,
      ...(perDay === undefined ? {} : { perDay }),
      days,
    },
    orderable: true,
    raw: {
      detail,
      prices: priceList.prices,
      ...(priceList.unreadable.length ? { unreadablePrices: priceList.unreadable } : {}),
      listedUnder,
      ...(coverage.unreadable.length ? { unreadableCoverage: coverage.unreadable } : {}),
    },
  };
}

import { compareAmounts, money } from '../../domain/money';
import type { LocalizedText, Offer, PlanFacts } from '../../domain/offer';
import { SELF_SELECTED_ESIM, productType } from './product-types';
import type { BcPriceRow, BcProduct, ListedSku } from './schemas';
import { skippedText } from '../../../src-shared/skipped-text';

const KB_PER_MB = 1024;

/**
 * One offer per F003 price row: a row is a distinct purchase (copies = how many units of the product's days),
 * with its own price, so it is a variant of the sku rather than a quantity.
 */
export function mapListedSku(item: ListedSku, currency: string): Offer[] {
  const { product, prices } = item;
  if (!prices || prices.price.length === 0) throw new Error(skippedText('skip.unpriced', { trade: 'F003' }));
  const type = productType(product.type);
  const category = { id: product.type, path: [{ id: product.type, names: type.names }] };
  const several = prices.price.length > 1;
  return prices.price.map((row): Offer => {
    const days = planDays(product, row);
    return {
      productId: product.skuId,
      skuId: product.skuId,
      variant: String(row.copies),
      kind: type.kind,
      titles: titles(product.name, item.chineseName, several ? { copies: row.copies, days } : null),
      category,
      cost: money(row.settlementPrice, currency),
      retailPrice:
        row.retailPrice && compareAmounts(row.retailPrice, '0') !== 0 ? money(row.retailPrice, currency) : null,
      originalPrice: null,
      // The API publishes no stock: whatever it lists is sold, and a sellout shows up as an order error.
      stock: { status: 'unknown', quantity: null },
      minQuantity: 1,
      maxQuantity: null,
      fulfillment: { mode: 'auto', inputFields: [] },
      images: [],
      plan: planFacts(product, days),
      orderable: type.orderable,
      raw: { product: item.raw, chineseName: item.chineseName ?? null, price: row },
    };
  });
}

/**
 * Usable days = product days × copies (the vendor's FAQ). On 3105 the buyer picks the length through copies
 * and `days` is the length of one copy, so a 3105 without `days` counts one day per copy.
 */
export function planDays(product: BcProduct, row: BcPriceRow): number | null {
  const perCopy = product.days ?? (product.type === SELF_SELECTED_ESIM ? 1 : null);
  return perCopy === null ? null : perCopy * row.copies;
}

export function planFacts(product: BcProduct, days: number | null): PlanFacts {
  const facts: PlanFacts = {
    countries: countryCodes(product),
    ...dataAllowance(product),
    days,
  };
  if (product.planType === '1') facts.perDay = true;
  else if (product.planType === '0') facts.perDay = false;
  return facts;
}

/**
 * capacity is the total allowance and highFlowSize the high-speed one (per day on per-day plans), both in KB.
 * The field that fits the plan type is read first; -1 means unlimited only when no field gives a real size,
 * because the vendor also uses -1 for "not applicable" beside a size in the other field.
 */
export function dataAllowance(product: BcProduct): { dataMB: number | null; unlimited: boolean } {
  const fields =
    product.planType === '1' ? [product.highFlowSize, product.capacity] : [product.capacity, product.highFlowSize];
  const size = fields.find((kb): kb is number => typeof kb === 'number' && kb > 0);
  if (size !== undefined) return { dataMB: Math.round((size / KB_PER_MB) * 100) / 100, unlimited: false };
  return { dataMB: null, unlimited: fields.includes(-1) };
}

/** F002 calls the field mcc but fills it with ISO 3166 alpha-2 ("HK"); anything else is not a country we can name. */
export function countryCodes(product: BcProduct): string[] {
  const codes = (product.country ?? [])
    .map((entry) => entry.mcc?.toUpperCase() ?? '')
    .filter((code) => /^[A-Z]{2}$/.test(code));
  return [...new Set(codes)];
}

function titles(
  english: string,
  chinese: string | undefined,
  variant: { copies: number; days: number | null } | null,
): LocalizedText {
  const result: LocalizedText = { en: english };
  if (chinese) result['zh-CN'] = chinese;
  if (!variant) return result;
  // Several rows of one sku share its name; say which purchase this one is.
  const { copies, days } = variant;
  result.en = `${english} (${days !== null ? `${days} ${days === 1 ? 'day' : 'days'}` : `${copies} copies`})`;
  if (chinese) result['zh-CN'] = `${chinese}（${days !== null ? `${days}天` : `${copies}份`}）`;
  return result;
}

import { compareAmounts, money, type Money } from '../../domain/money';
import type { BuyerInputField, CategoryRef, Fulfillment, Offer, Stock } from '../../domain/offer';
import type {
  CardCategory,
  CardType,
  InputField,
  MobileCountry,
  MobileOperator,
  MobileProduct,
  MobileProductGroup,
  RechargeCategory,
  RechargeType,
} from './schemas';
import { skippedText } from '../../../src-shared/skipped-text';

/**
 * SEAGM gives one English-ish name per thing and no locale, so every text goes under `en`.
 * productId is the upstream category (card/top-up category, or mobile operator) and skuId the type or
 * product id inside it: the same pair SEAGM's own order records carry as category_id / product_id.
 */
const LOCALE = 'en';

export function mapCardType(type: CardType, category: CardCategory): Offer[] {
  return [
    {
      productId: category.id,
      skuId: type.id,
      variant: '',
      kind: 'card',
      titles: { [LOCALE]: type.name },
      category: singleLevel(`card-category:${category.id}`, categoryName(category)),
      cost: money(type.unit_price, type.currency),
      retailPrice: null,
      originalPrice: type.origin_price ? money(type.origin_price, type.currency) : null,
      stock: stockFromFlag(type.has_stock),
      ...quantityLimits(type),
      fulfillment: { mode: deliveryMode(category), inputFields: [] },
      images: [],
      plan: { faceValue: faceValue(type.par_value, type.par_value_currency) },
      orderable: true,
      raw: { category, type },
    },
  ];
}

export function mapRechargeType(type: RechargeType, category: RechargeCategory): Offer[] {
  return [
    {
      productId: category.id,
      skuId: type.id,
      variant: '',
      kind: 'direct_topup',
      titles: { [LOCALE]: type.name },
      category: singleLevel(`recharge-category:${category.id}`, categoryName(category)),
      cost: money(type.unit_price, type.currency),
      retailPrice: null,
      originalPrice: type.origin_price ? money(type.origin_price, type.currency) : null,
      stock: stockFromFlag(type.has_stock),
      ...quantityLimits(type),
      fulfillment: { mode: deliveryMode(category), inputFields: buyerFields(type.fields ?? []) },
      images: [],
      plan: { faceValue: faceValue(type.par_value, type.par_value_currency) },
      orderable: true,
      raw: { category, type },
    },
  ];
}

export function mapMobileProduct(
  product: MobileProduct,
  group: MobileProductGroup,
  operator: MobileOperator,
  country: MobileCountry,
): Offer[] {
  const operatorName = operator.name ?? operator.code ?? `operator ${operator.id}`;
  const days = /^(\d+)\s*days?$/i.exec(product.validity?.trim() ?? '');
  const countryCode = country.code.toUpperCase();
  return [
    {
      productId: operator.id,
      skuId: product.product_id,
      variant: '',
      kind: 'mobile_recharge',
      titles: { [LOCALE]: `${operatorName} ${product.product_name}` },
      category: {
        id: `mobile-operator:${operator.id}`,
        path: [
          { id: `mobile-country:${country.code.toLowerCase()}`, names: { [LOCALE]: country.name ?? countryCode } },
          { id: `mobile-operator:${operator.id}`, names: { [LOCALE]: operatorName } },
        ],
      },
      cost: money(product.unit_price, product.currency),
      retailPrice: null,
      originalPrice: product.origin_price ? money(product.origin_price, product.currency) : null,
      // The doc publishes no stock for mobile products.
      stock: { status: 'unknown', quantity: null },
      // Create-order takes no quantity for mobile recharge: one top-up per order.
      minQuantity: 1,
      maxQuantity: 1,
      fulfillment: mobileFulfillment(country),
      images: operator.logo ? [operator.logo] : [],
      plan: {
        countries: [countryCode],
        days: days ? Number(days[1]) : null,
        faceValue: group === 'airtime' ? airtimeFaceValue(product.product_desc) : null,
      },
      orderable: true,
      raw: { country, operator, product },
    },
  ];
}

function singleLevel(id: string, name: string): CategoryRef {
  return { id, path: [{ id, names: { [LOCALE]: name } }] };
}

function categoryName(category: CardCategory): string {
  return category.name ?? category.code ?? `category ${category.id}`;
}

/** SEAGM says yes or no, never how many. */
function stockFromFlag(hasStock: boolean | undefined): Stock {
  if (hasStock === undefined) return { status: 'unknown', quantity: null };
  return { status: hasStock ? 'in_stock' : 'out', quantity: null };
}

function quantityLimits(item: { min_amount?: number; max_amount?: number }): {
  minQuantity: number | null;
  maxQuantity: number | null;
} {
  const minQuantity = item.min_amount && item.min_amount > 0 ? item.min_amount : null;
  const maxQuantity = item.max_amount && item.max_amount > 0 ? item.max_amount : null;
  if (minQuantity !== null && maxQuantity !== null && maxQuantity < minQuantity) {
    throw new Error(
      skippedText('skip.maxBelowMin', {
        maxField: 'max_amount',
        max: maxQuantity,
        minField: 'min_amount',
        min: minQuantity,
      }),
    );
  }
  return { minQuantity, maxQuantity };
}

/** Without auto_delivery the order may wait on a person; do not promise an instant delivery. */
function deliveryMode(category: CardCategory): Fulfillment['mode'] {
  return category.auto_delivery === true ? 'auto' : 'manual';
}

function faceValue(amount: string | undefined, currency: string | undefined): Money | null {
  if (amount === undefined || currency === undefined || compareAmounts(amount, '0') <= 0) return null;
  return money(amount, currency);
}

/** Airtime descriptions state the credit as "50000 IDR" or "IDR 100000.00"; anything else is not read as a face value. */
function airtimeFaceValue(description: string | undefined): Money | null {
  const text = description?.trim() ?? '';
  const match = /^(\d+(?:\.\d+)?) ([A-Z]{3})$/.exec(text) ?? /^([A-Z]{3}) (\d+(?:\.\d+)?)$/.exec(text);
  if (!match) return null;
  const [amount, currency] = /^\d/.test(match[1]) ? [match[1], match[2]] : [match[2], match[1]];
  return faceValue(amount, currency);
}

/**
 * The doc has no "required" flag on top-up fields: every listed field is something the order needs.
 * Options are passed on with one spelling of their label, whichever the upstream used.
 */
function buyerFields(fields: InputField[]): BuyerInputField[] {
  return [...fields]
    .sort((a, b) => (a.position ?? Number.MAX_SAFE_INTEGER) - (b.position ?? Number.MAX_SAFE_INTEGER))
    .map((field) => ({
      key: field.name,
      label: { [LOCALE]: field.label?.trim() || field.name },
      required: true,
      detail: field.options
        ? {
            ...field,
            options: field.options.map(({ lable, ...option }) => ({
              ...option,
              label: option.label ?? lable ?? option.value,
            })),
          }
        : field,
    }));
}

/** The buyer gives a phone number; the calling code is fixed by the country and goes along as a hint. */
function mobileFulfillment(country: MobileCountry): Fulfillment {
  return {
    mode: 'auto',
    inputFields: [
      {
        key: 'phone_number',
        label: { [LOCALE]: 'Phone number' },
        required: true,
        detail: { type: 'phone', calling_code: country.calling_code ?? null },
      },
    ],
  };
}

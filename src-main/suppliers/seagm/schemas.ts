import { z } from 'zod';
import { compareAmounts } from '../../domain/money';
import { decimalAmount, isoCurrency } from '../shared/decimal-schema';
import { issueText } from '../../../src-shared/issue-codes';

/**
 * What SEAGM sends, as its doc describes it, checked item by item. Ids are ints in the doc; digit strings
 * are accepted too and everything becomes a string, because ids are only ever compared and shown.
 */
export const upstreamId = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]).transform(String);

export const currencyCode = isoCurrency;

/** Prices arrive as JSON floats (or strings in some examples); kept as the decimal text they were written as. */
export const amount = decimalAmount;

/** A zero price is how SEAGM's own list example shows a price it did not fill in; selling on it would be a loss. */
const price = amount.refine((value) => compareAmounts(value, '0') > 0, issueText('problem.notAboveZero'));

const quantity = z.number().int().nonnegative();
export const optionalText = z
  .string()
  .nullish()
  .transform((value) => value ?? undefined);

/** Directory entries: only the id is needed to list what is inside, so only a missing id is fatal. */
export const cardCategorySchema = z.looseObject({
  id: upstreamId,
  name: optionalText.catch(undefined),
  code: optionalText.catch(undefined),
  auto_delivery: z.boolean().optional().catch(undefined),
});
export type CardCategory = z.infer<typeof cardCategorySchema>;

export const rechargeCategorySchema = cardCategorySchema;
export type RechargeCategory = CardCategory;

export const countrySchema = z.looseObject({
  id: upstreamId.optional().catch(undefined),
  /** The operators endpoint is keyed by this, so without it the country cannot be walked. */
  code: z.string().regex(/^[A-Za-z]{2}$/, issueText('problem.countryCode')),
  name: optionalText.catch(undefined),
  calling_code: z.union([z.string(), z.number()]).transform(String).optional().catch(undefined),
});
export type MobileCountry = z.infer<typeof countrySchema>;

export const operatorSchema = z.looseObject({
  id: upstreamId,
  name: optionalText.catch(undefined),
  code: optionalText.catch(undefined),
  logo: optionalText.catch(undefined),
});
export type MobileOperator = z.infer<typeof operatorSchema>;

const minMax = {
  min_amount: quantity.optional(),
  /** 0 appears in the doc's own example where no maximum applies. */
  max_amount: quantity.optional(),
};

/** What card types and recharge types have in common: a priced, denominated good within a category. */
const goodsTypeShape = {
  id: upstreamId,
  name: z.string().trim().min(1),
  category_id: upstreamId.optional(),
  par_value_currency: currencyCode.optional(),
  par_value: amount.optional(),
  currency: currencyCode,
  unit_price: price,
  origin_price: amount.optional(),
  ...minMax,
};

export const cardTypeSchema = z.looseObject({
  ...goodsTypeShape,
  has_stock: z.boolean().optional(),
});
export type CardType = z.infer<typeof cardTypeSchema>;

const optionSchema = z.looseObject({
  value: z.union([z.string(), z.number()]).transform(String),
  label: z.string().optional(),
  /** The doc's field table spells it this way; accepted beside `label`. */
  lable: z.string().optional(),
  child: z.array(z.unknown()).optional(),
});

export const inputFieldSchema = z.looseObject({
  name: z.string().trim().min(1),
  type: optionalText,
  label: optionalText,
  multiline: z.boolean().nullish(),
  placeholder: optionalText,
  prefix: optionalText,
  position: z.number().nullish(),
  options: z.array(optionSchema).nullish(),
});
export type InputField = z.infer<typeof inputFieldSchema>;

/**
 * The doc's recharge-type list example is camelCase (categoryId, unitPrice, parValueCurrency…) while its
 * field table and the detail endpoint are snake_case. Both are read; the snake_case key wins when both exist.
 */
function snakeCaseKeys(raw: unknown): unknown {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  const result: Record<string, unknown> = {};
  const entries = Object.entries(raw as Record<string, unknown>);
  for (const [key, value] of entries) if (!/[A-Z]/.test(key)) result[key] = value;
  for (const [key, value] of entries) {
    const snake = key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
    if (!(snake in result)) result[snake] = value;
  }
  return result;
}

export const rechargeTypeSchema = z.preprocess(
  snakeCaseKeys,
  z.looseObject({
    ...goodsTypeShape,
    /** Not in the doc for top-ups; honoured if it ever appears. */
    has_stock: z.boolean().optional(),
    fields: z.array(inputFieldSchema).nullish(),
  }),
);
export type RechargeType = z.infer<typeof rechargeTypeSchema>;

export const MOBILE_PRODUCT_GROUPS = ['airtime', 'data', 'bundle'] as const;
export type MobileProductGroup = (typeof MOBILE_PRODUCT_GROUPS)[number];

/** Products of one operator come grouped; a group with nothing in it may be empty or absent. */
export const mobileProductGroupsSchema = z.object({
  airtime: z.array(z.unknown()).nullish(),
  data: z.array(z.unknown()).nullish(),
  bundle: z.array(z.unknown()).nullish(),
});

export const mobileProductSchema = z.looseObject({
  product_id: upstreamId,
  product_name: z.string().trim().min(1),
  product_type: optionalText,
  product_desc: optionalText,
  currency: currencyCode,
  unit_price: price,
  origin_price: amount.optional(),
  validity: optionalText,
  local_received: optionalText,
});
export type MobileProduct = z.infer<typeof mobileProductSchema>;

export const accountSchema = z.object({
  id: upstreamId.optional(),
  username: z.string().optional(),
  credits: z.number().optional(),
  currency: currencyCode,
  balance: amount.optional(),
});

/** A mobile product beside the group it was listed under, so one operator's products validate as one page. */
export const groupedMobileProductSchema = z.object({
  group: z.enum(MOBILE_PRODUCT_GROUPS),
  product: mobileProductSchema,
});

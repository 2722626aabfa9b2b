import { z } from 'zod';
import { decimalAmount, isoCurrency } from '../shared/decimal-schema';
import { issueText } from '../../../src-shared/issue-codes';

/* What a Dujiao-Next upstream API answers (Dujiao-Next sites and MeSIM), validated. */

/** POST /ping: the site, the wallet and its currency. */
export const pingSchema = z.object({
  ok: z.literal(true),
  site_name: z.string().optional(),
  balance: z.union([z.string(), z.number()]).optional(),
  currency: isoCurrency,
  member_level: z.object({ name: z.record(z.string(), z.string()).optional() }).nullish(),
});

/** GET /products: one page of the listing. */
export const listingPageSchema = z.object({
  ok: z.literal(true),
  items: z.array(z.unknown()),
  total: z.number().int().nonnegative(),
  page: z.number().int().positive().optional(),
  page_size: z.number().int().positive(),
  /** Echo of include_inactive from servers that know incremental listing; older builds leave it out. */
  includes_inactive: z.boolean().optional(),
});

const decimal = decimalAmount;

const localized = z.record(z.string(), z.string()).catch({});

export const skuSchema = z.object({
  id: z.number().int(),
  sku_code: z.string().optional().default(''),
  /** Plain text per spec, a per-locale object per spec, or the whole map keyed by locale (spec-values.ts reads all three). */
  spec_values: z.unknown().optional(),
  price_amount: decimal,
  original_price: decimal.optional(),
  member_price: decimal.optional(),
  stock_status: z.enum(['unlimited', 'in_stock', 'low_stock', 'out_of_stock']),
  stock_quantity: z.number().int().min(-1),
  is_active: z.boolean().optional().default(true),
});

export const productSchema = z.object({
  id: z.number().int(),
  slug: z.string().optional(),
  title: z
    .record(z.string(), z.string())
    .refine((t) => Object.values(t).some((v) => v.trim() !== ''), issueText('problem.noText')),
  images: z.array(z.string()).nullish(),
  tags: z.array(z.string()).nullish(),
  price_amount: decimal.optional(),
  original_price: decimal.optional(),
  /** `upstream`: the site buys it further up itself; to us it is delivered by the API like `auto`. */
  fulfillment_type: z.enum(['auto', 'manual', 'upstream']).optional().default('auto'),
  manual_form_schema: z.unknown().optional(),
  is_active: z.boolean().optional().default(true),
  category_id: z.number().int().optional(),
  skus: z.array(skuSchema),
  /** Newer servers: per-unit prices from a quantity on, for every SKU or (sku_id / sku_code) for one. */
  wholesale_prices: z
    .array(
      z.object({
        sku_id: z.number().int().optional(),
        sku_code: z.string().optional(),
        min_quantity: z.number(),
        unit_price: decimal,
      }),
    )
    .nullish()
    .catch(null),
});
export type DujiaoProduct = z.infer<typeof productSchema>;

export const categorySchema = z.object({
  id: z.number().int(),
  parent_id: z.number().int().default(0),
  slug: z.string().optional().default(''),
  name: localized,
});
export type DujiaoCategory = z.infer<typeof categorySchema>;

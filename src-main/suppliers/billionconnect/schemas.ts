import { z } from 'zod';
import { decimalFrom, isoCurrency } from '../shared/decimal-schema';
import { issueText } from '../../../src-shared/issue-codes';

/*
 * What BillionConnect sends, validated. Nearly every value is documented as a string, but integrations have
 * seen numbers too, so each field takes both and is read as text before its own check.
 */

const text = z.union([z.string(), z.number()]).transform((value) => String(value).trim());

/** "", null and absent all mean "not given": the vendor leaves unused fields empty rather than dropping them. */
const blankToNull = (value: unknown) => (value === '' || value === undefined ? null : value);

const identifier = text.pipe(z.string().min(1));

const decimal = decimalFrom(text);
const optionalDecimal = z.preprocess(blankToNull, decimal.nullable());

const wholeNumber = text.pipe(z.string().regex(/^\d+$/, issueText('problem.wholeNumber'))).transform(Number);

/** Days as F002 gives them; "0" carries no length, so it reads as unknown. */
const days = z.preprocess(blankToNull, wholeNumber.nullable()).transform((value) => (value ? value : null));

/** Kilobytes; -1 is the vendor's "unlimited / not applicable". */
const kilobytes = z.preprocess(
  blankToNull,
  text
    .pipe(z.string().regex(/^(-1|\d+(\.\d+)?)$/, 'not a size in KB (a number, or -1)'))
    .transform(Number)
    .nullable(),
);

const country = z.object({
  mcc: text.optional(),
  name: text.optional(),
});

export const productSchema = z.object({
  skuId: identifier,
  name: z.string().trim().min(1),
  type: text.pipe(z.string().regex(/^\d+$/, issueText('problem.productType'))),
  days: days.optional(),
  /** Total allowance in KB. */
  capacity: kilobytes.optional(),
  /** High-speed allowance in KB; per day on per-day plans. */
  highFlowSize: kilobytes.optional(),
  /** "0" total quota, "1" per-day quota; anything else is left unread rather than guessed. */
  planType: z.preprocess(blankToNull, text.nullable()).optional(),
  // The sample answers show "" where a list is empty.
  country: z.preprocess((value) => (value === '' || value === null ? [] : value), z.array(country)).optional(),
});
export type BcProduct = z.infer<typeof productSchema>;

export const priceRowSchema = z.object({
  /** How many units of the product's `days` are bought; a price row per allowed value. */
  copies: wholeNumber.pipe(z.number().int().positive()),
  settlementPrice: decimal.refine((amount) => !amount.startsWith('-'), issueText('problem.negative')),
  /** Suggested retail; "0" when the vendor suggests none. */
  retailPrice: optionalDecimal.optional(),
});
export type BcPriceRow = z.infer<typeof priceRowSchema>;

export const priceEntrySchema = z.object({
  skuId: identifier,
  // Always a list in the documentation; one integration met a lone object, which means the same thing.
  price: z.preprocess(
    (value) => (value && typeof value === 'object' && !Array.isArray(value) ? [value] : value),
    z.array(priceRowSchema),
  ),
});

/** One F002 product with what the other calls said about it: the unit validated and mapped as one item. */
export const listedSkuSchema = z.object({
  product: productSchema,
  /** The same sku's name from the Chinese listing; a missing or odd one only costs that title. */
  chineseName: z.string().trim().min(1).optional().catch(undefined),
  /** The sku's F003 entry; absent when F003 did not price it. */
  prices: priceEntrySchema.optional(),
  /** The F002 item as received, kept on every offer. */
  raw: z.unknown(),
});
export type ListedSku = z.infer<typeof listedSkuSchema>;

export const accountSchema = z.object({
  accountBalance: decimal,
  currency: text.pipe(isoCurrency),
  availableBalance: optionalDecimal.optional(),
  frozenBalance: optionalDecimal.optional(),
  creditLimit: optionalDecimal.optional(),
});
export type BcAccount = z.infer<typeof accountSchema>;

/*
 * The order trades' answers and the N009 push, as billionconnect-fields.md and the vendor's trade tables give them.
 * Values are typed as strings by the vendor but read leniently, like the catalog's.
 */

const optionalText = z
  .preprocess(blankToNull, text.nullable())
  .optional()
  .transform((value) => value ?? undefined);

/** "iccid has been seen as a string and as an array", and the tables spell it ICCID. */
const iccids = z
  .preprocess(blankToNull, z.union([text.transform((one) => [one]), z.array(text)]).nullable())
  .optional()
  .transform((list) => (list ?? []).filter((iccid) => iccid !== ''));

function withIccids(raw: unknown): unknown {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  const record = raw as Record<string, unknown>;
  return 'iccid' in record || !('ICCID' in record) ? record : { ...record, iccid: record.ICCID };
}

/** F040: the platform's order id for our channelOrderId; the eSIMs themselves come later, by N009. */
export const createdOrderSchema = z.looseObject({
  orderId: identifier,
  channelOrderId: identifier,
  subOrderList: z.array(z.looseObject({ subOrderId: optionalText, channelSubOrderId: optionalText })).nullish(),
});

/** F011. orderStatus: 0 ordered, 1 shipped/delivered, 2 cancelled. */
export const queriedOrderSchema = z.looseObject({
  orderId: identifier,
  channelOrderId: identifier,
  orderStatus: text,
  createTime: optionalText,
  subOrderList: z
    .array(
      z.preprocess(
        withIccids,
        z.looseObject({ subOrderId: optionalText, channelSubOrderId: optionalText, iccid: iccids }),
      ),
    )
    .nullish(),
});
export type QueriedOrder = z.infer<typeof queriedOrderSchema>;

/** One N009 entry is one eSIM: its QR content (the only copy of the LPA), ICCID and SIM codes. */
export const pushedEsimSchema = z.preprocess(
  withIccids,
  z.looseObject({
    subOrderId: optionalText,
    channelSubOrderId: optionalText,
    iccid: iccids,
    qrCodeContent: text.pipe(z.string().min(1)),
    apn: optionalText,
    apnUsername: optionalText,
    apnPassword: optionalText,
    pin: optionalText,
    puk: optionalText,
    msisdn: optionalText,
    validTime: optionalText,
  }),
);
export type PushedEsim = z.infer<typeof pushedEsimSchema>;

export const n009Schema = z.looseObject({
  orderId: identifier,
  channelOrderId: identifier,
  subOrderList: z.array(pushedEsimSchema).min(1),
});

/** N001 order delivery notice: only its "cancelled" tells us something N009 and F011 do not. */
export const n001Schema = z.looseObject({
  orderId: identifier,
  channelOrderId: identifier,
  orderStatus: text,
});

/** The envelope of every push, signed like a request. */
export const pushEnvelopeSchema = z.looseObject({
  tradeType: text,
  tradeTime: z.unknown().optional(),
  tradeData: z.unknown(),
});

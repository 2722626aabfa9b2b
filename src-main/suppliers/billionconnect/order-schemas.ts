import { z } from 'zod';
import { blankToNull, identifier, text } from './schemas';

/*
 * The order trades' answers and the N009 push, as billionconnect-fields.md and the vendor's trade tables give them.
 * Values are typed as strings by the vendor but read leniently, like the catalog's.
 */

const optionalText = z.preprocess(blankToNull, text.nullable()).optional().transform((value) => value ?? undefined);

/** "iccid has been seen as a string and as an array", and the tables spell it ICCID. */
const iccids = z.preprocess(blankToNull, z.union([text.transform((one) => [one]), z.array(text)]).nullable())
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
  subOrderList: z.array(z.preprocess(withIccids, z.looseObject({ subOrderId: optionalText, channelSubOrderId: optionalText, iccid: iccids }))).nullish(),
});
export type QueriedOrder = z.infer<typeof queriedOrderSchema>;

/** One N009 entry is one eSIM: its QR content (the only copy of the LPA), ICCID and SIM codes. */
export const pushedEsimSchema = z.preprocess(withIccids, z.looseObject({
  subOrderId: optionalText,
  channelSubOrderId: optionalText,
  iccid: iccids,
  qrCodeContent: text.pipe(z.string().min(1, 'qrCodeContent is empty')),
  apn: optionalText,
  apnUsername: optionalText,
  apnPassword: optionalText,
  pin: optionalText,
  puk: optionalText,
  msisdn: optionalText,
  validTime: optionalText,
}));
export type PushedEsim = z.infer<typeof pushedEsimSchema>;

export const n009Schema = z.looseObject({
  orderId: identifier,
  channelOrderId: identifier,
  subOrderList: z.array(pushedEsimSchema).min(1, 'subOrderList carries no eSIM'),
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

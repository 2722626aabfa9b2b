import Decimal from 'decimal.js';
import { z } from 'zod';
import { money } from '../../domain/money';
import type { Delivery } from '../../../src-shared/order-types';
import type { OrderState } from '../adapter';
import { amount, currencyCode, optionalText, upstreamId } from './schemas';
import { orderText } from '../../../src-shared/order-notes';
import { issueText } from '../../../src-shared/issue-codes';

/** The three order APIs SEAGM keeps apart: each has its own create and detail endpoint and its own id space. */
export type SeagmOrderFamily = 'card' | 'recharge' | 'mobile';

/** status_code, from the doc's "Order status code" table. */
export const ORDER_STATUS = { unpaid: 10000, waitSend: 10001, sending: 10002, done: 10003, refunded: 10004 } as const;
/** pay_status_code: 1 Unpaid, 2 Paid, 3 Refunded, 4 Payment Requested, 5 Expired. */
export const PAY_STATUS = { unpaid: 1, paid: 2, refunded: 3, requested: 4, expired: 5 } as const;
/** send_status_code: 1 Wait send, 2 Sending, 3 Done, 4 Received. */
export const SEND_STATUS = { waitSend: 1, sending: 2, done: 3, received: 4 } as const;

const statusCode = z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]);
/**
 * A card number or PIN sent as a JSON number is read only while the number is exact: past 2^53 the parser has already
 * rounded it, and a rounded PIN would be delivered as if it were the card's.
 */
const codeText = z
  .union([z.string(), z.number().refine(Number.isSafeInteger, issueText('problem.codeNotExact'))])
  .nullish()
  .transform((value) => (value === null || value === undefined ? undefined : String(value).trim()));

const cardSchema = z.looseObject({
  card_number: codeText,
  card_pin: codeText,
  /** "YYYY-mm-dd", or "-" where the card does not expire (the doc's own example). */
  expired: codeText,
});

/** The field table documents fields[] as {title, name, value}; every example sends a plain name → value object. */
const fieldsSchema = z.union([
  z.record(z.string(), z.union([z.string(), z.number()]).nullish()),
  z.array(
    z.looseObject({
      name: z.string(),
      title: z.string().nullish(),
      value: z.union([z.string(), z.number()]).nullish(),
    }),
  ),
]);

/** One order as create, detail and the callback all describe it (snake_case, ids as ints). */
export const seagmOrderSchema = z.looseObject({
  id: upstreamId,
  currency: currencyCode,
  unit_price: amount.optional(),
  buy_amount: statusCode.optional(),
  pay_amount: amount.optional(),
  refunded_amount: amount.optional(),
  status_code: statusCode,
  status: optionalText,
  pay_status_code: statusCode.optional(),
  send_status_code: statusCode.optional(),
  mch_order_id: z.string().nullish(),
  cards: z.array(cardSchema).nullish(),
  fields: fieldsSchema.nullish(),
});
export type SeagmOrder = z.infer<typeof seagmOrderSchema>;

/**
 * Our status for SEAGM's: the global status_code decides, the payment status refines the unpaid and refunded cases.
 * A refund is a state of its own, never a failure: `refunded` when SEAGM gave back all it charged (status 10004 or
 * payment "Refunded"), `partially_refunded` when refunded_amount is only a part of pay_amount, whatever has been
 * delivered for the rest kept beside it.
 */
export function seagmOrderState(order: SeagmOrder, family: SeagmOrderFamily): OrderState {
  const base = {
    upstreamOrderId: order.id,
    upstreamStatus: order.status ? `${order.status} (${order.status_code})` : String(order.status_code),
    amount: order.pay_amount !== undefined ? money(order.pay_amount, order.currency) : null,
    delivery: null,
    error: null,
  };
  const refundedAmount = positive(order.refunded_amount);
  if (order.status_code === ORDER_STATUS.refunded || order.pay_status_code === PAY_STATUS.refunded) {
    // A full refund whose amount SEAGM left at 0.00 gave back what it charged.
    const back = refundedAmount ?? order.pay_amount;
    const status = refundStatus(back, order.pay_amount);
    // A part given back under a "Refunded" status still leaves what was sent for the rest (cards that came): it is
    // the merchant's, and this answer may be the first to carry it.
    const kept = status === 'partially_refunded' ? deliveryOf(order, family) : null;
    return {
      ...base,
      status,
      refundedAmount: back !== undefined ? money(back, order.currency) : null,
      delivery: kept && (kept.cards?.length || (family !== 'card' && sentOf(order))) ? kept : null,
    };
  }
  if (order.status_code === ORDER_STATUS.unpaid) {
    if (order.pay_status_code === PAY_STATUS.expired)
      return { ...base, status: 'failed', error: orderText('error.paymentExpired') };
    return { ...base, status: 'pending' };
  }
  const sent = sentOf(order);
  // A part refunded while the rest is still being sent: the order is not finished, so it is followed on.
  if (!sent) return { ...base, status: 'processing' };
  const delivery = deliveryOf(order, family);
  // A card order marked done without its codes has nothing to hand over yet; asking again is the only way to get them.
  if (family === 'card' && !delivery.cards?.length)
    return {
      ...base,
      status: 'processing',
      upstreamStatus: orderText('upstream.noCardCodesYet', { status: base.upstreamStatus }),
    };
  if (refundedAmount)
    return {
      ...base,
      status: refundStatus(refundedAmount, order.pay_amount),
      refundedAmount: money(refundedAmount, order.currency),
      delivery,
    };
  // Fewer cards than were paid for and nothing given back: the rest is owed. Closed as delivered, the order would
  // never be asked about again; followed on, the rest (or a refund for it) is picked up when SEAGM sends it.
  const cards = delivery.cards ?? [];
  if (family === 'card' && order.buy_amount !== undefined && cards.length < order.buy_amount)
    return {
      ...base,
      status: 'processing',
      upstreamStatus: orderText('upstream.cardsSoFar', {
        status: base.upstreamStatus,
        delivered: cards.length,
        ordered: order.buy_amount,
      }),
      delivery: { cards },
    };
  return { ...base, status: 'delivered', delivery };
}

function sentOf(order: SeagmOrder): boolean {
  return (
    order.status_code === ORDER_STATUS.done ||
    order.send_status_code === SEND_STATUS.done ||
    order.send_status_code === SEND_STATUS.received
  );
}

function positive(value: string | undefined): string | undefined {
  return value !== undefined && new Decimal(value).greaterThan(0) ? value : undefined;
}

function refundStatus(refunded: string | undefined, paid: string | undefined): 'refunded' | 'partially_refunded' {
  if (refunded === undefined || paid === undefined) return 'refunded';
  return new Decimal(refunded).lessThan(paid) ? 'partially_refunded' : 'refunded';
}

function deliveryOf(order: SeagmOrder, family: SeagmOrderFamily): Delivery {
  if (family === 'card') {
    const cards = (order.cards ?? [])
      .map((card) => ({
        ...(card.card_number ? { number: card.card_number } : {}),
        ...(card.card_pin ? { pin: card.card_pin } : {}),
        ...(card.expired && /^\d{4}-\d{2}-\d{2}/.test(card.expired) ? { expiry: card.expired } : {}),
      }))
      .filter((card) => card.number || card.pin);
    const short = order.buy_amount !== undefined && cards.length > 0 && cards.length < order.buy_amount;
    return {
      cards,
      ...(short
        ? { text: orderText('deliveryNote.cardsShort', { delivered: cards.length, ordered: order.buy_amount }) }
        : {}),
    };
  }
  const fields = fieldEntries(order.fields);
  if (family === 'mobile') {
    const received = fields.find(([name]) => name === 'local_received')?.[1];
    const phone = fields
      .filter(([name]) => name === 'calling_code' || name === 'phone_number')
      .map(([, value]) => value)
      .join(' ');
    const detail = [phone ? `+${phone}` : '', received ?? ''].filter(Boolean).join(': ');
    return {
      text: detail ? orderText('deliveryNote.mobileDoneFor', { detail }) : orderText('deliveryNote.mobileDone'),
    };
  }
  const detail = fields.map(([name, value]) => `${name} ${value}`).join(', ');
  return { text: detail ? orderText('deliveryNote.topUpDoneFor', { detail }) : orderText('deliveryNote.topUpDone') };
}

function fieldEntries(fields: SeagmOrder['fields']): Array<[string, string]> {
  if (!fields) return [];
  const entries: Array<[string, unknown]> = Array.isArray(fields)
    ? fields.map((field) => [field.name, field.value])
    : Object.entries(fields);
  return entries
    .filter(([, value]) => value !== null && value !== undefined && String(value).trim() !== '')
    .map(([name, value]) => [name, String(value)]);
}

import { z } from 'zod';
import { parseLpa } from '../../domain/lpa';
import { money } from '../../domain/money';
import { SupplierError } from '../../http/errors';
import type { Delivery, OrderRef, OrderRequest, OrderState, OrderStatus, SupplierOrders } from '../adapter';
import { refusalEnvelope, type DujiaoClient } from './client';
import { decimalAmount } from '../shared/decimal-schema';

export interface DujiaoOrderProfile {
  label: string;
  /** MeSIM sells one at a time. */
  maxQuantity: number | null;
  /** Dujiao-Next finds an order by its numeric order_id, MeSIM by its order_no. */
  orderLookup: 'id' | 'order_no';
}

const decimal = decimalAmount;

const orderSchema = z.object({
  order_id: z.number().int().optional(),
  order_no: z.string().min(1).optional(),
  status: z.string().min(1),
  amount: decimal.optional(),
  currency: z.string().min(3).optional(),
  fulfillment: z.object({
    payload: z.string().nullish(),
    delivery_data: z.record(z.string(), z.unknown()).nullish(),
  }).nullish(),
});
type UpstreamOrder = z.infer<typeof orderSchema>;

/** The protocol's status words (doc §6) on our scale; a word we do not know keeps the order being followed. */
const STATUS: Record<string, OrderStatus> = {
  pending_payment: 'pending',
  paid: 'processing',
  fulfilling: 'processing',
  partially_delivered: 'processing',
  delivered: 'delivered',
  completed: 'delivered',
  canceled: 'canceled',
};

/**
 * Ordering over the Dujiao-Next upstream protocol. Every order carries our idempotency key as
 * downstream_order_no, and the server answers a repeat with the existing order: that is what makes the
 * client's own retry of a timed-out POST /orders, and the order service's re-send after a crash, safe.
 * No callback_url: the server refuses private addresses and a desktop app has no public one, so the order
 * service polls GET /orders/:id instead.
 */
export function createDujiaoOrders(client: DujiaoClient, profile: DujiaoOrderProfile): SupplierOrders {
  const lookupId = (order: { order_id?: unknown; order_no?: unknown }): string | null => {
    const id = profile.orderLookup === 'id' ? order.order_id : order.order_no;
    return typeof id === 'number' || (typeof id === 'string' && id !== '') ? String(id) : null;
  };

  function toState(envelope: Record<string, unknown>, what: string): OrderState {
    const parsed = orderSchema.safeParse(envelope);
    // Retryable on purpose: the server may well have taken the order, so this is "outcome unknown", never "failed".
    const unreadable = (reason: string) => new SupplierError(`${profile.label} ${what}: unexpected order answer (${reason})`, 'bad_response', null, true);
    if (!parsed.success) throw unreadable(`${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
    const order = parsed.data;
    const upstreamOrderId = lookupId(order);
    if (!upstreamOrderId) throw unreadable(`no ${profile.orderLookup === 'id' ? 'order_id' : 'order_no'}`);
    const status = STATUS[order.status] ?? 'processing';
    const charged = status === 'processing' || status === 'delivered';
    return {
      status,
      upstreamOrderId,
      upstreamStatus: order.status,
      amount: charged && order.amount !== undefined && order.currency ? money(order.amount, order.currency) : null,
      delivery: status === 'delivered' && order.fulfillment ? dujiaoDelivery(order.fulfillment) : null,
      error: null,
    };
  }

  const refused = (reason: string, upstreamStatus: string): OrderState => ({
    status: 'failed', upstreamOrderId: null, upstreamStatus, amount: null, delivery: null, error: `${profile.label}: ${reason}`,
  });

  return {
    async place(request: OrderRequest, signal?: AbortSignal): Promise<OrderState> {
      if (profile.maxQuantity !== null && request.quantity > profile.maxQuantity) return refused(`sells at most ${profile.maxQuantity} per order`, 'bad_request');
      const skuId = Number(request.skuId);
      if (!Number.isSafeInteger(skuId)) return refused(`SKU "${request.skuId}" is not a numeric SKU id`, 'bad_request');
      const body = {
        sku_id: skuId,
        quantity: request.quantity,
        downstream_order_no: request.idempotencyKey,
        ...(request.buyerInput && Object.keys(request.buyerInput).length > 0 ? { manual_form_data: request.buyerInput } : {}),
      };
      try {
        return toState(await client.call('POST', '/orders', { body, signal }), 'POST /orders');
      } catch (error) {
        // An ok:false envelope is the server's answer: it refused the order (stock, balance, SKU, auth) or, for
        // payment_failed, created and at once canceled it. Either way nothing is charged and nothing is pending.
        // Anything else (timeout, 5xx, an unreadable answer) leaves the outcome unknown and is thrown.
        const envelope = refusalEnvelope(error);
        if (!envelope) throw error;
        const code = (error as SupplierError).code;
        const reason = typeof envelope.error_message === 'string' ? envelope.error_message : code;
        return { ...refused(`${reason} (${code})`, typeof envelope.status === 'string' ? envelope.status : code), upstreamOrderId: lookupId(envelope) };
      }
    },

    async query(ref: OrderRef, signal?: AbortSignal): Promise<OrderState | null> {
      // The protocol cannot look an order up by downstream_order_no. Null sends the order service to re-POST
      // with the same key, which the server answers with the existing order when there is one.
      if (!ref.upstreamOrderId) return null;
      try {
        return toState(await client.call('GET', `/orders/${encodeURIComponent(ref.upstreamOrderId)}`, { signal }), 'GET /orders/:id');
      } catch (error) {
        if (error instanceof SupplierError && error.code === 'order_not_found') return null;
        throw error;
      }
    },

    async cancel(ref: OrderRef, signal?: AbortSignal): Promise<OrderState> {
      if (!ref.upstreamOrderId) throw new SupplierError(`${profile.label} has not confirmed this order yet, so it cannot be canceled`, 'bad_request');
      const envelope = await client.call('POST', `/orders/${encodeURIComponent(ref.upstreamOrderId)}/cancel`, { signal });
      return toState(envelope, 'POST /orders/:id/cancel');
    },
  };
}

const CARD_SINGLE = /^[A-Za-z0-9][A-Za-z0-9_-]{3,}$/;
const CARD_PAIR = /^([A-Za-z0-9][A-Za-z0-9 _-]*?)\s*(?:----|\t|\||,|;)\s*([A-Za-z0-9][A-Za-z0-9_-]*)$/;
const CARD_LABELLED = /^(?:卡号|card(?:\s*no\.?|\s*number)?)\s*[:：]\s*(\S+)\s+(?:卡密|密码|pin|password)\s*[:：]\s*(\S+)$/i;

/**
 * What a delivered order hands over. The payload is free text in the protocol: an LPA (eSIM sites, MeSIM),
 * card keys one per line (卡密, optionally "number----pin"), or anything else (a top-up receipt), kept as text.
 */
export function dujiaoDelivery(fulfillment: NonNullable<UpstreamOrder['fulfillment']>): Delivery | null {
  const data = fulfillment.delivery_data ?? {};
  const text = (key: string) => (typeof data[key] === 'string' ? (data[key] as string).trim() : '');
  const payload = (fulfillment.payload ?? '').trim();
  const delivery: Delivery = {};
  const notes: string[] = [];

  const lpaText = text('lpa') || (/^lpa:/i.test(payload) ? payload : '');
  if (lpaText) {
    const parsed = parseLpa(lpaText);
    if (parsed.ok) {
      delivery.lpa = parsed.value.lpa;
      delivery.smdpAddress = parsed.value.smdpAddress;
      delivery.activationCode = parsed.value.activationCode;
    } else {
      delivery.lpa = lpaText;
      notes.push(`The activation code could not be read: ${parsed.reason}.`);
    }
  }
  if (text('number')) delivery.iccid = text('number');
  if (/^data:image\//.test(text('qrcode'))) delivery.qrImage = text('qrcode');
  if (text('verify_code')) notes.push(`Confirmation code: ${text('verify_code')}`);

  if (!lpaText && payload) {
    const lines = payload.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
    const cards = lines.map(cardOf);
    if (cards.every((card) => card !== null)) delivery.cards = cards as NonNullable<Delivery['cards']>;
    else notes.push(payload);
  }
  if (notes.length) delivery.text = notes.join('\n');
  return Object.keys(delivery).length > 0 ? delivery : null;
}

function cardOf(line: string): { number: string; pin?: string } | null {
  const labelled = CARD_LABELLED.exec(line);
  if (labelled) return { number: labelled[1], pin: labelled[2] };
  const pair = CARD_PAIR.exec(line);
  if (pair) return { number: pair[1], pin: pair[2] };
  return CARD_SINGLE.test(line) ? { number: line } : null;
}

import Decimal from 'decimal.js';
import { z } from 'zod';
import { parseLpa } from '../../domain/lpa';
import { money } from '../../domain/money';
import { unitCostFor } from '../../domain/quantity-tiers';
import { SupplierError } from '../../http/errors';
import type { Delivery, OrderStatus, AttentionReason } from '../../../src-shared/order-types';
import { beforeSending, type OrderRef, type OrderRequest, type OrderState, type SupplierOrders } from '../adapter';
import { refusalEnvelope, type DujiaoClient } from './client';
import { decimalAmount } from '../shared/decimal-schema';
import { issuesText } from '../shared/issue-text';
import { attention, livePriceProblem } from '../shared/order-attention';
import { typedFormData, type FormData } from './order-form';
import { skuTiers } from './map';
import { productSchema } from './schemas';
import { lpaProblemText, orderText } from '../../../src-shared/order-notes';
import { supplierText } from '../shared/supplier-text';
import { priceRiseRefusal } from '../shared/price-check';

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
  refunded_amount: decimal.optional(),
  currency: z.string().min(3).optional(),
  fulfillment: z
    .object({
      payload: z.string().nullish(),
      delivery_data: z.record(z.string(), z.unknown()).nullish(),
    })
    .nullish(),
});
type UpstreamOrder = z.infer<typeof orderSchema>;

/** GET /products/:id, as much of it as ordering needs: the live SKU price and the buyer form's field types. */
const liveProductSchema = z.object({
  product: z.object({
    is_active: z.boolean().optional(),
    manual_form_schema: z.unknown().optional(),
    skus: z.array(
      z.object({
        id: z.number().int(),
        sku_code: z.string().optional().default(''),
        price_amount: decimal,
        is_active: z.boolean().optional(),
      }),
    ),
    wholesale_prices: productSchema.shape.wholesale_prices,
  }),
});

/**
 * The protocol's status words (doc §6 and the server's GET /orders/:id) on our scale. A word not here is not
 * guessed at: the order goes to attention with it.
 */
const STATUS: Record<string, OrderStatus> = {
  pending_payment: 'pending',
  paid: 'processing',
  fulfilling: 'processing',
  partially_delivered: 'processing',
  delivered: 'delivered',
  completed: 'delivered',
  canceled: 'canceled',
  cancelled: 'canceled',
  refunded: 'refunded',
  partially_refunded: 'partially_refunded',
};

/**
 * Ordering over the Dujiao-Next upstream protocol. Every order carries our idempotency key as
 * downstream_order_no, and the server answers a repeat with the existing order (dujiao-next-behaviour.md):
 *
 * - Only GET /orders/:id carries the delivery. POST /orders answers with a status, possibly `completed` for a
 *   repeat, and never the fulfillment, so its answer never makes an order delivered: the order service polls.
 * - The server charges its current price: the product is read again right before the POST, and a price above the
 *   quote is not sent (the order goes to attention with both prices).
 * - The server's de-duplication is check-then-insert, so POST /orders is never repeated here on a timeout: the
 *   order service waits and decides (reconcile.ts).
 * No callback_url: the server refuses private addresses and a desktop app has no public one.
 */
export function createDujiaoOrders(client: DujiaoClient, profile: DujiaoOrderProfile): SupplierOrders {
  const lookupId = (order: { order_id?: unknown; order_no?: unknown }): string | null => {
    const id = profile.orderLookup === 'id' ? order.order_id : order.order_no;
    return typeof id === 'number' || (typeof id === 'string' && id !== '') ? String(id) : null;
  };

  function toState(envelope: Record<string, unknown>, what: string, carriesDelivery: boolean): OrderState {
    const parsed = orderSchema.safeParse(envelope);
    // Retryable on purpose: the server may well have taken the order, so this is "outcome unknown", never "failed".
    const where = `${profile.label} ${what}`;
    if (!parsed.success)
      throw new SupplierError(
        supplierText('supplier.unexpected', { where, detail: issuesText(parsed.error) }),
        'bad_response',
        null,
        true,
      );
    const order = parsed.data;
    const upstreamOrderId = lookupId(order);
    const field = profile.orderLookup === 'id' ? 'order_id' : 'order_no';
    if (!upstreamOrderId)
      throw new SupplierError(supplierText('supplier.noField', { where, field }), 'bad_response', null, true);
    const word = order.status.trim().toLowerCase();
    const known = STATUS[word];
    const amount = order.amount !== undefined && order.currency ? money(order.amount, order.currency) : null;
    if (!known) {
      return {
        status: 'processing',
        upstreamOrderId,
        upstreamStatus: order.status,
        amount,
        delivery: null,
        error: null,
        attention: attention('unknown_supplier_status', { status: order.status }),
      };
    }
    // Whatever the status: the real server's GET carries the fulfillment of an order once delivered, refunded in part
    // or in full afterwards too, and an order first seen refunded would otherwise never show what was delivered.
    const delivery = carriesDelivery && order.fulfillment ? dujiaoDelivery(order.fulfillment) : null;
    // Delivered without the delivery (any POST answer, or a GET before the fulfillment is written): keep asking.
    const status: OrderStatus = known === 'delivered' && !delivery ? 'processing' : known;
    const charged = status !== 'pending' && status !== 'canceled';
    const refunded =
      (status === 'refunded' || status === 'partially_refunded') &&
      order.refunded_amount !== undefined &&
      order.currency
        ? money(order.refunded_amount, order.currency)
        : null;
    return {
      status,
      upstreamOrderId,
      upstreamStatus: order.status,
      amount: charged ? amount : null,
      refundedAmount: refunded,
      delivery,
      error: null,
    };
  }

  /** `reason`: a coded text (a refusal of ours, or the server's in its words). */
  const refused = (reason: string, upstreamStatus: string): OrderState => ({
    status: 'failed',
    upstreamOrderId: null,
    upstreamStatus,
    amount: null,
    delivery: null,
    error: reason,
  });

  /** A refusal of ours: nothing was sent. */
  const refusedBeforeSending = (reason: string, upstreamStatus: string): OrderState => ({
    ...refused(reason, upstreamStatus),
    notSent: true,
  });

  /**
   * What the first send may refuse outright is, on a repeat, no proof the order does not exist (the first send may
   * have gone through before the price rose or the SKU went): only the merchant can tell.
   */
  const notSendable = (
    request: OrderRequest,
    reason: string,
    upstreamStatus: string,
    problem: AttentionReason | null = null,
  ): OrderState => {
    const repeat = (request.sendAttempt ?? 1) > 1;
    if (!problem && !repeat) return refusedBeforeSending(reason, upstreamStatus);
    return {
      notSent: true,
      status: 'failed',
      upstreamOrderId: null,
      upstreamStatus: orderText('upstream.notSent'),
      amount: null,
      delivery: null,
      error: reason,
      attention: problem ?? attention('outcome_unclear', { code: upstreamStatus }),
    };
  };

  async function liveProduct(
    productId: string,
    signal?: AbortSignal,
  ): Promise<z.infer<typeof liveProductSchema>['product'] | null> {
    const envelope = await client.product(productId, signal);
    if (envelope === null) return null;
    const parsed = liveProductSchema.safeParse(envelope);
    if (!parsed.success) {
      throw new SupplierError(
        supplierText('supplier.unexpected', {
          where: `${profile.label} GET /products/${productId}`,
          detail: issuesText(parsed.error),
        }),
        'bad_response',
        null,
        true,
      );
    }
    return parsed.data.product;
  }

  return {
    async place(request: OrderRequest, signal?: AbortSignal): Promise<OrderState> {
      if (profile.maxQuantity !== null && request.quantity > profile.maxQuantity)
        return refusedBeforeSending(orderText('refusal.maxQuantity', { max: profile.maxQuantity }), 'bad_request');
      const skuId = Number(request.skuId);
      if (!Number.isSafeInteger(skuId))
        return refusedBeforeSending(orderText('refusal.skuNotNumeric', { sku: request.skuId }), 'bad_request');

      // The server charges what it asks now, whatever the catalog said: read it right before ordering.
      const product = await beforeSending(liveProduct(request.productId, signal));
      const sku = product?.skus.find((candidate) => candidate.id === skuId && candidate.is_active !== false);
      if (!product || product.is_active === false || !sku) {
        return notSendable(
          request,
          orderText('refusal.noLongerSold', { product: request.productId, sku: request.skuId }),
          'sku_unavailable',
        );
      }
      // Charged per unit at the cheapest tier the quantity reaches, as the server prices it.
      const currency = request.expectedCost.currency;
      const unit = unitCostFor(
        money(sku.price_amount, currency),
        skuTiers(product.wholesale_prices ?? [], sku, currency),
        request.quantity,
      );
      const liveTotal = { amount: new Decimal(unit.amount).times(request.quantity).toFixed(2), currency };
      const priceProblem = livePriceProblem(liveTotal, request.expectedCost);
      if (priceProblem)
        return notSendable(request, priceRiseRefusal(liveTotal, request.expectedCost), 'price_changed', priceProblem);

      let manualFormData: FormData | null = null;
      if (request.buyerInput && Object.keys(request.buyerInput).length > 0) {
        const typed = typedFormData(product.manual_form_schema, request.buyerInput);
        if ('badField' in typed)
          return refusedBeforeSending(orderText('refusal.fieldNotNumber', { field: typed.badField }), 'bad_request');
        manualFormData = typed.data;
      }
      const body = {
        sku_id: skuId,
        quantity: request.quantity,
        downstream_order_no: request.idempotencyKey,
        ...(manualFormData ? { manual_form_data: manualFormData } : {}),
      };
      try {
        return toState(await client.call('POST', '/orders', { body, signal, noRetry: true }), 'POST /orders', false);
      } catch (error) {
        // An ok:false envelope is the server's answer: it refused the order (stock, balance, SKU, auth) or, for
        // payment_failed, created and at once canceled it. Either way nothing is charged and nothing is pending.
        // Anything else (timeout, 5xx, an unreadable answer) leaves the outcome unknown and is thrown.
        const envelope = refusalEnvelope(error);
        if (!envelope) throw error;
        const code = (error as SupplierError).code;
        const words = typeof envelope.error_message === 'string' ? envelope.error_message : '';
        // A repeat refused (out of stock, balance) is no proof the first send was not taken: the first may be what
        // took the last stock or balance, still unseen by the server's check-then-insert de-duplication.
        const repeat = (request.sendAttempt ?? 1) > 1;
        return {
          ...refused(
            orderText(words.trim() ? 'refusal.bySupplier' : 'refusal.bySupplierWithoutWords', {
              message: words.trim(),
              code,
            }),
            typeof envelope.status === 'string' ? envelope.status : code,
          ),
          upstreamOrderId: lookupId(envelope),
          ...(repeat ? { attention: attention('outcome_unclear', { code }) } : {}),
        };
      }
    },

    async query(ref: OrderRef, signal?: AbortSignal): Promise<OrderState | null> {
      // The protocol cannot look an order up by downstream_order_no. Null sends the order service to re-POST
      // with the same key, which the server answers with the existing order when there is one.
      if (!ref.upstreamOrderId) return null;
      try {
        return toState(
          await client.call('GET', `/orders/${encodeURIComponent(ref.upstreamOrderId)}`, { signal }),
          'GET /orders/:id',
          true,
        );
      } catch (error) {
        if (error instanceof SupplierError && error.code === 'order_not_found') return null;
        throw error;
      }
    },

    async cancel(ref: OrderRef, signal?: AbortSignal): Promise<OrderState> {
      if (!ref.upstreamOrderId)
        throw new SupplierError(supplierText('supplier.notConfirmedYet', { where: profile.label }), 'bad_request');
      const envelope = await client.call('POST', `/orders/${encodeURIComponent(ref.upstreamOrderId)}/cancel`, {
        signal,
      });
      return toState(envelope, 'POST /orders/:id/cancel', false);
    },
  };
}

const CARD_SINGLE = /^[A-Za-z0-9][A-Za-z0-9_-]{3,}$/;
const CARD_PAIR = /^([A-Za-z0-9][A-Za-z0-9 _-]*?)\s*(?:----|\t|\||,|;)\s*([A-Za-z0-9][A-Za-z0-9_-]*)$/;
const CARD_LABELLED =
  /^(?:卡号|card(?:\s*no\.?|\s*number)?)\s*[:：]\s*(\S+)\s+(?:卡密|密码|pin|password)\s*[:：]\s*(\S+)$/i;

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
      notes.push(orderText('deliveryNote.codeUnreadable', { reason: lpaProblemText(parsed.problem) }));
    }
  }
  if (text('number')) delivery.iccid = text('number');
  if (/^data:image\//.test(text('qrcode'))) delivery.qrImage = text('qrcode');
  if (text('verify_code')) notes.push(orderText('deliveryNote.confirmationCode', { code: text('verify_code') }));

  if (!lpaText && payload) {
    const lines = payload
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean);
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

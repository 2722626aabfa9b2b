import type { Money } from '../../domain/money';
import { CanceledError, SupplierError, describeError } from '../../http/errors';
import {
  beforeSending,
  LOOKUP_UNSUPPORTED,
  NotSentError,
  type OrderRef,
  type OrderRequest,
  type OrderState,
  type SupplierOrders,
} from '../adapter';
import Decimal from 'decimal.js';
import { livePriceProblem } from '../shared/order-attention';
import { priceRiseRefusal } from '../shared/price-check';
import { issuesText } from '../shared/issue-text';
import type { FmsClient } from './client';
import { JsonDecimal } from './json-decimal';
import { packageDetailSchema } from './schemas';
import { fmsOrderState, orderStatusSchema } from './order-state';
import { priceIn, readPrices } from './prices';
import { FMS_PATHS } from './paths';
import { orderText } from '../../../src-shared/order-notes';
import { supplierText } from '../shared/supplier-text';

const { packageDetail: DETAIL, preOrder: PRE_ORDER, payment: PAYMENT, orderStatus: ORDER_STATUS } = FMS_PATHS;

/** "deviceType is fixed to 10 for H5, iphone and android eSIM". */
const DEVICE_TYPE_ESIM = '10';
const PRE_ORDER_TIMEOUT = '6006';
const ORDER_NOT_FOUND = '10008';
/**
 * The payment refusals that say the notice was turned away before it could move money: bad parameters, a token refused
 * again, a time it could not read, a pre-order timed out or unknown, another amount. Any other code (9999 "error", 3004 the order
 * system's) may come from a failure after the payment was booked, so it is read as a lost answer, never as "not charged".
 */
const PAYMENT_NOT_TAKEN: ReadonlySet<string> = new Set(['2', '7', '1102', PRE_ORDER_TIMEOUT, ORDER_NOT_FOUND, '10009']);

/** A pre-order this connection made: its id is the only handle FMS gives on an order. */
interface PreOrder {
  orderId: string;
  amount: Money;
  /** The payment notice was accepted, or may have arrived: from now on the order is only ever asked about. */
  notified: boolean;
}

/**
 * eSIM QR Mall orders: pre-order (reserves a profile for 10 minutes, charges nothing), then the payment notification
 * (`payment_intent.succeeded` with the amount: this is what makes Linksfield bill the partner), then the status,
 * polled until the QR code is there.
 *
 * FMS takes no order id of ours and cannot list orders, so the idempotency key cannot be looked up there. What
 * stands between one key and two paid pre-orders:
 * - place() keeps every pre-order id by key for the life of the connection, so a repeated place() continues the
 *   first pre-order (notifying its payment only if no notice can have reached FMS yet) and never makes a second;
 * - the pre-order id goes back to the caller as upstreamOrderId as soon as the payment is accepted, and query()
 *   needs only that, so after a restart the order service asks instead of placing again;
 * - the payment notification is sent once (see pay());
 * - the notification carries the key as paypalId (the payment reference FMS keeps), so Linksfield's records tie
 *   each payment to our order number.
 */
export function createLinksfieldOrders(client: FmsClient, label: string, now: () => number = Date.now): SupplierOrders {
  const preOrders = new Map<string, PreOrder>();

  async function place(request: OrderRequest, signal?: AbortSignal): Promise<OrderState> {
    const key = request.idempotencyKey;
    const known = preOrders.get(key);
    if (known) return known.notified ? status(known.orderId, known.amount, signal) : pay(key, known, signal);
    if (request.quantity !== 1) return notPlacedBeforeSending(orderText('refusal.oneProfilePerOrder'));
    if (!/^\d+$/.test(request.productId))
      return notPlacedBeforeSending(orderText('refusal.notPackageId', { id: request.productId }));

    const detail = packageDetailSchema.safeParse(
      await beforeSending(client.call(DETAIL, { id: Number(request.productId) }, signal)),
    );
    if (!detail.success)
      throw new NotSentError(
        new SupplierError(
          supplierText('supplier.unexpected', { where: `${label} POST ${DETAIL}`, detail: issuesText(detail.error) }),
          'bad_response',
        ),
      );
    let price;
    try {
      price = priceIn(readPrices(detail.data.currencyInfos), request.expectedCost.currency);
    } catch (error) {
      return notPlacedBeforeSending(
        orderText('refusal.notSoldIn', {
          id: request.productId,
          currency: request.expectedCost.currency,
          detail: describeError(error),
        }),
      );
    }
    // The pre-order goes out at FMS's live price, which the payment must then match (10009 otherwise); a price above
    // the catalog cost the merchant confirmed stops here, before anything is reserved.
    const live: Money = { amount: price.amount, currency: price.currency };
    // The quote is for the whole quantity; kept at the live price's own scale, as FMS writes it.
    const liveTotal: Money = {
      amount: new Decimal(live.amount).times(request.quantity).toFixed(live.amount.split('.')[1]?.length ?? 0),
      currency: live.currency,
    };
    const problem = livePriceProblem(liveTotal, request.expectedCost);
    if (problem)
      return { ...notPlacedBeforeSending(priceRiseRefusal(liveTotal, request.expectedCost)), attention: problem };
    let answer: unknown;
    try {
      answer = await client.call(
        PRE_ORDER,
        {
          currency: price.currency,
          currencyId: price.currencyId,
          deviceType: DEVICE_TYPE_ESIM,
          id: Number(detail.data.id),
          money: new JsonDecimal(live.amount),
          packageCode: detail.data.packageCode,
          partnerCode: client.partnerCode,
          periodNum: detail.data.period,
        },
        signal,
      );
    } catch (error) {
      // A refused pre-order reserved nothing and charged nothing.
      if (isRefusal(error)) return notPlaced(error.message);
      throw error;
    }
    const orderId = preOrderId(answer);
    if (!orderId)
      throw new SupplierError(
        supplierText('supplier.noField', { where: `${label} POST ${PRE_ORDER}`, field: 'orderId' }),
        'bad_response',
      );
    const preOrder: PreOrder = { orderId, amount: live, notified: false };
    preOrders.set(key, preOrder);
    return pay(key, preOrder, signal);
  }

  /**
   * Notifies the payment, once: FMS says to, and a lost answer cannot be settled by asking, because the status stays
   * "waiting" (0) after a notice until the profile is assigned. Only a refusal that proves FMS never read the notice
   * (429) leaves it unsent: place() then throws, query() reports no order yet, and the order service sends it again
   * (counting the try, so an upstream that says 429 after charging is charged at most its limit). Any other lost
   * answer counts as sent, and the status (or the pre-order timing out) tells.
   */
  async function pay(key: string, preOrder: PreOrder, signal?: AbortSignal): Promise<OrderState> {
    const { orderId, amount } = preOrder;
    const notice = {
      dateTime: Math.floor(now() / 1000),
      orderId,
      partnerCode: client.partnerCode,
      payAmount: new JsonDecimal(amount.amount),
      payCurrency: amount.currency,
      paypalId: key,
      type: 'payment_intent.succeeded',
    };
    try {
      await client.call(PAYMENT, notice, signal, { resend: false });
    } catch (error) {
      if (isRefusal(error) && PAYMENT_NOT_TAKEN.has(error.code))
        return {
          ...notPlaced(error.message),
          upstreamOrderId: orderId,
          upstreamStatus: orderText('upstream.paymentRefused', { code: error.code }),
        };
      if (error instanceof SupplierError && error.code === 'rate_limited') throw error;
      // Canceled, lost mid-flight or refused in words that do not rule it out, the notice may have been taken: it is
      // never sent again for this pre-order.
      preOrder.notified = true;
      if (error instanceof CanceledError) throw error;
      return {
        status: 'processing',
        upstreamOrderId: orderId,
        amount: null,
        delivery: null,
        error: null,
        upstreamStatus: orderText('upstream.paymentAnswerLost', { error: describeError(error) }),
      };
    }
    preOrder.notified = true;
    try {
      return await status(orderId, amount, signal);
    } catch (error) {
      if (error instanceof CanceledError) throw error;
      // Paid, and the caller must learn the pre-order id now: it is the only way to ask about this order later.
      return {
        status: 'processing',
        upstreamOrderId: orderId,
        upstreamStatus: orderText('upstream.paidNotRead'),
        amount,
        delivery: null,
        error: null,
      };
    }
  }

  async function query(ref: OrderRef, signal?: AbortSignal): Promise<OrderState | null> {
    const known = preOrders.get(ref.idempotencyKey);
    // A pre-order whose payment notice FMS refused unread is no order yet: nothing is charged until it is sent.
    if (known && !known.notified && !ref.upstreamOrderId) return null;
    const orderId = ref.upstreamOrderId ?? known?.orderId;
    if (!orderId) {
      throw new SupplierError(
        supplierText('supplier.cannotLookUp', { where: label, key: ref.idempotencyKey }),
        LOOKUP_UNSUPPORTED,
      );
    }
    return readStatus(orderId, known?.notified ? known.amount : null, signal);
  }

  async function status(orderId: string, paid: Money, signal?: AbortSignal): Promise<OrderState> {
    const state = await readStatus(orderId, paid, signal);
    if (!state)
      throw new SupplierError(supplierText('supplier.preOrderGone', { where: label, order: orderId }), ORDER_NOT_FOUND);
    return state;
  }

  /** The order's state, or null when FMS does not know the id. `paid` is what we notified, shown once FMS confirms it. */
  async function readStatus(orderId: string, paid: Money | null, signal?: AbortSignal): Promise<OrderState | null> {
    let answer: unknown;
    try {
      answer = await client.call(ORDER_STATUS, { orderId }, signal);
    } catch (error) {
      if (isRefusal(error) && error.code === ORDER_NOT_FOUND) return null;
      if (isRefusal(error) && error.code === PRE_ORDER_TIMEOUT) {
        return {
          status: 'failed',
          upstreamOrderId: orderId,
          upstreamStatus: orderText('upstream.preOrderTimedOut', { code: '6006' }),
          amount: null,
          delivery: null,
          error: error.message,
        };
      }
      throw error;
    }
    const parsed = orderStatusSchema.safeParse(answer);
    if (!parsed.success)
      throw new SupplierError(
        supplierText('supplier.unexpected', {
          where: `${label} POST ${ORDER_STATUS}`,
          detail: issuesText(parsed.error),
        }),
        'bad_response',
      );
    return fmsOrderState(parsed.data, orderId, paid);
  }

  return { place, query };
}

/** FMS answered with its own error code: the request was read and turned down, not lost. */
function isRefusal(error: unknown): error is SupplierError {
  return error instanceof SupplierError && /^-?\d+$/.test(error.code) && !error.retryable;
}

/** "orderId is the id returned by preOrderPackage": a bare id, or an object carrying it as orderId or id. */
function preOrderId(answer: unknown): string | null {
  if (typeof answer === 'string' || typeof answer === 'number') return String(answer).trim() || null;
  if (!answer || typeof answer !== 'object') return null;
  const record = answer as Record<string, unknown>;
  const id = record.orderId ?? record.id;
  return typeof id === 'string' || typeof id === 'number' ? String(id).trim() || null : null;
}

function notPlaced(error: string): OrderState {
  return {
    status: 'failed',
    upstreamOrderId: null,
    upstreamStatus: orderText('upstream.notPlaced'),
    amount: null,
    delivery: null,
    error,
  };
}

/** A refusal of ours before the pre-order: nothing was sent. */
function notPlacedBeforeSending(error: string): OrderState {
  return { ...notPlaced(error), notSent: true };
}

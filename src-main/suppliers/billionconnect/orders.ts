import Decimal from 'decimal.js';
import { SupplierError } from '../../http/errors';
import { attention, livePriceProblem } from '../shared/order-attention';
import { beforeSending, type OrderRef, type OrderRequest, type OrderState, type SupplierOrders } from '../adapter';
import { issuesText } from '../shared/issue-text';
import { TradeRefusal, type BillionConnectClient, type TradeData } from './client';
import { createdOrderSchema, priceEntrySchema, queriedOrderSchema, type QueriedOrder } from './schemas';
import { orderText } from '../../../src-shared/order-notes';
import { supplierText } from '../shared/supplier-text';

/** F011 orderStatus. */
const ORDERED = '0';
const SHIPPED = '1';
const CANCELLED = '2';

/** Where the LPA will come from, said in every state before N009 arrives, so nobody waits on polling for it. */
const AWAITING_N009 = orderText('note.awaitingN009');

/** The one sub-order every order has: one sku, `number` eSIMs of it. */
export function channelSubOrderId(idempotencyKey: string): string {
  return `${idempotencyKey}-1`;
}

/**
 * eSIM orders through F040, idempotent by channelOrderId (our key): the FAQ says a repeated F040 returns the order
 * already made, so a timed-out create may be sent again, but only by the order service, which counts every send
 * (one F040 per place(), whatever the transport says: an upstream that does not keep its promise is charged at most
 * the order service's limit). F040's refusals are not taken at their word: a refusal
 * (or an answer we cannot read) may come after the order was made (a retried request, a busy platform), so the
 * key is looked up with F011 first and only an F011 that shows no such order makes it "not placed".
 * The settlement price is read again from F003 right before F040: BillionConnect charges its current price.
 * F011 reports progress but never the LPA, so query() never says "delivered"; the N009 push does (see push.ts).
 */
export function createBillionConnectOrders(
  client: BillionConnectClient,
  label: string,
  salesMethod?: string,
): SupplierOrders {
  async function place(request: OrderRequest, signal?: AbortSignal): Promise<OrderState> {
    const problem = unsendable(request);
    if (problem) return { ...notPlaced(problem), notSent: true };
    const key = request.idempotencyKey;
    if (salesMethod !== undefined) {
      const priced = await beforeSending(settlementPrice(request, signal));
      if (priced.kind === 'gone' || priced.kind === 'above') {
        // A repeat may already have gone through at the old price: F011 says whether it did.
        const existing =
          (request.sendAttempt ?? 1) > 1
            ? await beforeSending(query({ idempotencyKey: key, upstreamOrderId: null }, signal))
            : null;
        if (existing) return existing;
        if (priced.kind === 'gone')
          return {
            ...notPlaced(orderText('refusal.noLongerPriced', { sku: request.skuId, copies: request.variant })),
            notSent: true,
          };
        return {
          notSent: true,
          ...notPlaced(
            orderText('error.priceNow', { supplier: label, price: `${priced.total.amount} ${priced.total.currency}` }),
          ),
          upstreamStatus: orderText('upstream.notSent'),
          attention: priced.problem,
        };
      }
    }
    const tradeData: TradeData = {
      channelOrderId: key,
      ...(request.email ? { email: request.email } : {}),
      subOrderList: [
        {
          channelSubOrderId: channelSubOrderId(key),
          deviceSkuId: request.skuId,
          // Offers are one per F003 price row, the variant being the row's copies.
          planSkuCopies: request.variant,
          number: String(request.quantity),
        },
      ],
    };
    let answer: unknown;
    try {
      answer = await client.invoke('F040', tradeData, signal, { sendOnce: true });
    } catch (error) {
      if (!(error instanceof TradeRefusal) && !(error instanceof SupplierError && !error.retryable)) throw error;
      const found = await query({ idempotencyKey: key, upstreamOrderId: null }, signal);
      if (found) return found;
      if (error instanceof TradeRefusal) return notPlaced(error.message);
      throw error;
    }
    const parsed = createdOrderSchema.safeParse(answer);
    if (!parsed.success || parsed.data.channelOrderId !== key) {
      // Unreadable, or about another key: F011 knows whether ours exists.
      const found = await query({ idempotencyKey: key, upstreamOrderId: null }, signal);
      if (found) return found;
      const detail = parsed.success ? `channelOrderId ${parsed.data.channelOrderId}` : issuesText(parsed.error);
      throw new SupplierError(
        supplierText('supplier.createUnclear', { where: `${label} F040`, detail, key }),
        'bad_response',
        null,
        true,
      );
    }
    return {
      status: 'processing',
      upstreamOrderId: parsed.data.orderId,
      upstreamStatus: `${orderText('upstream.ordered')}; ${AWAITING_N009}`,
      amount: null,
      delivery: null,
      error: null,
    };
  }

  type Priced =
    | { kind: 'ok' }
    | { kind: 'gone' }
    | { kind: 'above'; total: { amount: string; currency: string }; problem: NonNullable<OrderState['attention']> };

  /** The F003 row for this sku and number of copies, times the quantity, against the quote. */
  async function settlementPrice(request: OrderRequest, signal?: AbortSignal): Promise<Priced> {
    const data = await client.invoke('F003', { salesMethod: salesMethod! }, signal);
    if (!Array.isArray(data))
      throw new SupplierError(
        supplierText('supplier.notAList', { where: `${label} F003`, field: 'tradeData' }),
        'bad_response',
        null,
        true,
      );
    const entry = data
      .map((item) => priceEntrySchema.safeParse(item))
      .find((item) => item.success && item.data.skuId === request.skuId);
    const row = entry?.success
      ? entry.data.price.find((candidate) => String(candidate.copies) === request.variant)
      : undefined;
    if (!row) return { kind: 'gone' };
    const total = {
      amount: new Decimal(row.settlementPrice).times(request.quantity).toFixed(),
      currency: request.expectedCost.currency,
    };
    const problem = livePriceProblem(total, request.expectedCost);
    return problem ? { kind: 'above', total, problem } : { kind: 'ok' };
  }

  async function query(ref: OrderRef, signal?: AbortSignal): Promise<OrderState | null> {
    const answer = await client.invoke('F011', { channelOrderId: ref.idempotencyKey }, signal);
    // The docs give no answer for an unknown order; "1000" with no order in it is the only reading that means "none".
    if (answer === null || answer === undefined || (typeof answer === 'object' && Object.keys(answer).length === 0))
      return null;
    const parsed = queriedOrderSchema.safeParse(answer);
    if (!parsed.success)
      throw new SupplierError(
        supplierText('supplier.unexpected', { where: `${label} F011`, detail: issuesText(parsed.error) }),
        'bad_response',
      );
    if (parsed.data.channelOrderId !== ref.idempotencyKey) {
      throw new SupplierError(
        supplierText('supplier.otherOrder', {
          where: `${label} F011`,
          theirs: parsed.data.channelOrderId,
          ours: ref.idempotencyKey,
        }),
        'bad_response',
      );
    }
    return queriedState(parsed.data);
  }

  /** F008 takes the platform's orderId, which F011 gives when the caller does not have it. */
  async function cancel(ref: OrderRef, signal?: AbortSignal): Promise<OrderState> {
    const orderId = ref.upstreamOrderId ?? (await query(ref, signal))?.upstreamOrderId;
    if (!orderId)
      throw new SupplierError(
        supplierText('supplier.noOrderToCancel', { where: label, key: ref.idempotencyKey }),
        'order_not_found',
      );
    await client.invoke('F008', { orderId }, signal);
    const state = await query(ref, signal);
    if (!state)
      throw new SupplierError(
        supplierText('supplier.canceledThenGone', { where: label, key: ref.idempotencyKey }),
        'order_unknown',
      );
    return state;
  }

  return { place, query, cancel };
}

function queriedState(order: QueriedOrder): OrderState {
  const base = { upstreamOrderId: order.orderId, amount: null, error: null };
  if (order.orderStatus === CANCELLED)
    return { ...base, status: 'canceled', upstreamStatus: orderText('upstream.canceled'), delivery: null };
  if (order.orderStatus !== ORDERED && order.orderStatus !== SHIPPED) {
    return {
      ...base,
      status: 'processing',
      upstreamStatus: orderText('upstream.unknownStatus', { status: `orderStatus ${order.orderStatus}` }),
      delivery: null,
      attention: attention('unknown_supplier_status', { status: order.orderStatus }),
    };
  }
  const iccids = (order.subOrderList ?? []).flatMap((sub) => sub.iccid);
  if (order.orderStatus === SHIPPED) {
    // Shipped: the eSIMs exist (their ICCIDs are here) but their QR codes come only with N009.
    const delivery = iccids.length
      ? {
          iccid: iccids[0],
          ...(iccids.length > 1 ? { text: orderText('deliveryNote.iccids', { iccids: iccids.join(', ') }) } : {}),
        }
      : null;
    return {
      ...base,
      status: 'processing',
      upstreamStatus: `${orderText('upstream.shipped')}; ${AWAITING_N009}`,
      delivery,
    };
  }
  return {
    ...base,
    status: 'processing',
    upstreamStatus: `${orderText('upstream.ordered')}; ${AWAITING_N009}`,
    delivery: null,
  };
}

function unsendable(request: OrderRequest): string | null {
  if (!Number.isInteger(request.quantity) || request.quantity < 1)
    return orderText('refusal.quantityNotWhole', { quantity: request.quantity });
  if (!/^\d+$/.test(request.variant)) return orderText('refusal.variantNotCopies', { variant: request.variant });
  return null;
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

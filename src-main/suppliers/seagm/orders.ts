import { CanceledError, SupplierError } from '../../http/errors';
import { beforeSending, type OrderRef, type OrderRequest, type OrderState, type SupplierOrders } from '../adapter';
import Decimal from 'decimal.js';
import { attention, livePriceProblem } from '../shared/order-attention';
import type { AttentionReason } from '../../../src-shared/order-types';
import { issuesText } from '../shared/issue-text';
import type { SeagmClient } from './client';
import { SeagmGoods, type SeagmGood } from './order-goods';
import { seagmOrderSchema, seagmOrderState, type SeagmOrderFamily } from './order-state';
import type { SeagmParams } from './sign';
import { orderText } from '../../../src-shared/order-notes';
import { supplierText } from '../shared/supplier-text';
import { priceRiseRefusal } from '../shared/price-check';

/** "This order doesn't exist.": the detail endpoints' answer for a mch_order_id they do not hold. */
const ORDER_NOT_FOUND = '20080';
/** "The mch order id already Exist.": a create for a key SEAGM has already taken. */
const MCH_ORDER_ID_TAKEN = '20135';

/**
 * A top-up field named like one of the create call's own parameters cannot be sent: SEAGM takes the query string's
 * uid/timestamp/signature over the body's, and the order's own fields would be overwritten.
 */
const RESERVED_PARAMS = new Set(['uid', 'timestamp', 'signature', 'type_id', 'buy_amount', 'mch_order_id']);

const FAMILIES: readonly SeagmOrderFamily[] = ['card', 'recharge', 'mobile'];

/** Where each family creates orders and answers about one by our key (query_type=mchOrderId). */
const ENDPOINTS: Record<
  SeagmOrderFamily,
  { create: string; detail(key: string): { path: string; params: SeagmParams } }
> = {
  card: {
    create: '/v1/card-orders',
    detail: (key) => ({ path: `/v1/card-orders/${encodeURIComponent(key)}`, params: { query_type: 'mchOrderId' } }),
  },
  recharge: {
    create: '/v1/recharge-orders',
    detail: (key) => ({ path: `/v1/recharge-orders/${encodeURIComponent(key)}`, params: { query_type: 'mchOrderId' } }),
  },
  mobile: {
    create: '/v1/mobile-recharge/create',
    detail: (key) => ({ path: '/v1/mobile-recharge/order_info', params: { order_id: key, query_type: 'mchOrderId' } }),
  },
};

/**
 * SEAGM orders, made idempotent by mch_order_id (= our idempotency key): SEAGM refuses a second create with the
 * same one (20135) and every detail endpoint finds an order by it. An order is looked up by key before it is
 * created, so a repeated place() after a crash finds the first order instead of tripping over 20135 or, worse,
 * over a price check the first order already passed. Refusals become a failed state only after the key was
 * looked up once more: a timed-out first attempt may have gone through before the refused one.
 */
export function createSeagmOrders(client: SeagmClient, label: string): SupplierOrders {
  const goods = new SeagmGoods(client, label);
  const familyOfKey = new Map<string, SeagmOrderFamily>();

  async function place(request: OrderRequest, signal?: AbortSignal): Promise<OrderState> {
    const key = request.idempotencyKey;
    const good = await beforeSending(goods.find(request, signal));
    if (!good) {
      // Delisted since the first attempt? An order placed then must still be found, not re-placed.
      return (
        (await beforeSending(query({ idempotencyKey: key, upstreamOrderId: null }, signal))) ?? {
          ...refused(orderText('refusal.noLongerSold', { product: request.productId, sku: request.skuId })),
          notSent: true,
        }
      );
    }
    const existing = await beforeSending(lookUp(good.family, key, signal));
    if (existing) return existing;

    const built = await beforeSending(createRequest(good, request, signal));
    if ('refusal' in built)
      return {
        ...refused(built.refusal),
        notSent: true,
        ...(built.attention ? { upstreamStatus: orderText('upstream.notSent'), attention: built.attention } : {}),
      };
    const { create } = ENDPOINTS[good.family];
    let answer: unknown;
    try {
      answer = await client.post(create, built.params, built.shown, signal);
    } catch (error) {
      // Retryable failures have already been retried; whether SEAGM took the order is unknown, so say nothing.
      if (
        !(error instanceof SupplierError) ||
        error.retryable ||
        error.code === 'ip_banned' ||
        error.code === 'rate_limited'
      )
        throw error;
      const found = await lookUp(good.family, key, signal);
      if (found) return found;
      if (error.code === MCH_ORDER_ID_TAKEN) {
        throw new SupplierError(supplierText('supplier.keyTakenNoOrder', { where: label, key }), 'order_unknown');
      }
      // A repeat refused (stock out, balance) is no proof the first send was not taken: it may be what took the last
      // stock or balance, still being processed where a lookup cannot see it yet.
      const repeat = (request.sendAttempt ?? 1) > 1;
      return {
        ...refused(error.message),
        ...(repeat && { attention: attention('outcome_unclear', { code: error.code }) }),
      };
    }
    familyOfKey.set(key, good.family);
    try {
      return stateOf(answer, good.family, `${label} POST ${create}`, key);
    } catch (error) {
      // SEAGM said it took the order; only its answer is unreadable. Its detail by our key says what came of it (the
      // cards too); thrown, the order would wait for the merchant with nothing more ever asked.
      const found = await lookUp(good.family, key, signal).catch((lookUpError: unknown) => {
        if (lookUpError instanceof CanceledError) throw lookUpError;
        return null;
      });
      if (found) return found;
      throw error;
    }
  }

  async function query(ref: OrderRef, signal?: AbortSignal): Promise<OrderState | null> {
    const known = familyOfKey.get(ref.idempotencyKey);
    for (const family of known ? [known] : FAMILIES) {
      const state = await lookUp(family, ref.idempotencyKey, signal);
      if (state) return state;
    }
    return null;
  }

  async function lookUp(family: SeagmOrderFamily, key: string, signal?: AbortSignal): Promise<OrderState | null> {
    const { path, params } = ENDPOINTS[family].detail(key);
    let answer: unknown;
    try {
      answer = await client.get(path, params, signal);
    } catch (error) {
      if (error instanceof SupplierError && error.code === ORDER_NOT_FOUND) return null;
      throw error;
    }
    const state = stateOf(answer, family, `${label} GET ${path}`, key);
    familyOfKey.set(key, family);
    return state;
  }

  async function createRequest(
    good: SeagmGood,
    request: OrderRequest,
    signal?: AbortSignal,
  ): Promise<{ params: SeagmParams; shown: SeagmParams } | { refusal: string; attention?: AttentionReason }> {
    // SEAGM charges its current price with no ceiling we can send, so a price above the quote stops here. The quote
    // is for the whole quantity: the live unit price times the quantity is what SEAGM would charge.
    const liveTotal = {
      amount: new Decimal(good.unitPrice.amount).times(request.quantity).toFixed(),
      currency: good.unitPrice.currency,
    };
    const priceProblem = livePriceProblem(liveTotal, request.expectedCost);
    if (priceProblem) return { refusal: priceRiseRefusal(liveTotal, request.expectedCost), attention: priceProblem };
    const key = request.idempotencyKey;
    if (good.family === 'mobile') {
      if (request.quantity !== 1) return { refusal: orderText('refusal.onePhonePerOrder') };
      const phone = (request.buyerInput?.phone_number ?? '').replace(/[\s().-]/g, '');
      if (!/^\+?\d{4,}$/.test(phone)) return { refusal: orderText('refusal.phoneRequired') };
      const callingCode =
        request.buyerInput?.calling_code?.replace(/^\+/, '') || (await goods.callingCode(request.productId, signal));
      if (!callingCode) return { refusal: orderText('refusal.noCallingCode', { operator: request.productId }) };
      // A number typed with its country code would otherwise be topped up as "+62 62…".
      const local = phone.startsWith(`+${callingCode}`)
        ? phone.slice(callingCode.length + 1)
        : phone.replace(/^\+/, '');
      return {
        params: { product_id: request.skuId, calling_code: callingCode, phone_number: local, mch_order_id: key },
        shown: { product_id: request.skuId, mch_order_id: key },
      };
    }
    const params: SeagmParams = { type_id: request.skuId, buy_amount: String(request.quantity), mch_order_id: key };
    const shown = { ...params };
    if (good.family === 'recharge') {
      const fields = buyerFields(good, request.buyerInput ?? {});
      if ('refusal' in fields) return fields;
      Object.assign(params, fields.values);
    }
    return { params, shown };
  }

  function stateOf(answer: unknown, family: SeagmOrderFamily, where: string, expectedKey?: string): OrderState {
    const parsed = seagmOrderSchema.safeParse(answer);
    if (!parsed.success)
      throw new SupplierError(
        supplierText('supplier.unexpected', { where, detail: issuesText(parsed.error) }),
        'bad_response',
      );
    // An order under another key must never be taken for ours (a detail endpoint that ignored query_type would do that).
    if (expectedKey !== undefined && parsed.data.mch_order_id && parsed.data.mch_order_id !== expectedKey) {
      throw new SupplierError(
        supplierText('supplier.otherOrder', { where, theirs: parsed.data.mch_order_id, ours: expectedKey }),
        'bad_response',
      );
    }
    return seagmOrderState(parsed.data, family);
  }

  return { place, query };
}

/**
 * The create call documents no field parameters, but its answer echoes them as `fields: {name: value}`: each of the
 * type's fields is sent under its own name, and a select's chosen option brings its child select's field along.
 */
function buyerFields(good: SeagmGood, input: Record<string, string>): { values: SeagmParams } | { refusal: string } {
  const wanted: Array<{ name: string; label: string }> = [];
  for (const field of good.fields) {
    wanted.push({ name: field.name, label: field.label ?? field.name });
    const option = field.options?.find((candidate) => candidate.value === input[field.name]?.trim());
    for (const child of (option?.child ?? []) as Array<{ name?: unknown; label?: unknown }>) {
      if (typeof child.name === 'string')
        wanted.push({ name: child.name, label: typeof child.label === 'string' ? child.label : child.name });
    }
  }
  const clash = wanted.find(({ name }) => RESERVED_PARAMS.has(name));
  if (clash) return { refusal: orderText('refusal.reservedField', { field: clash.name }) };
  const missing = wanted.filter(({ name }) => !input[name]?.trim()).map(({ label }) => label);
  if (missing.length) return { refusal: orderText('refusal.buyerMustFill', { fields: missing.join(', ') }) };
  return { values: Object.fromEntries(wanted.map(({ name }) => [name, input[name].trim()])) };
}

function refused(error: string): OrderState {
  return {
    status: 'failed',
    upstreamOrderId: null,
    upstreamStatus: orderText('upstream.notPlaced'),
    amount: null,
    delivery: null,
    error,
  };
}

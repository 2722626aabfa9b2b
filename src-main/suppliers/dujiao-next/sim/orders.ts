import { randomBytes } from 'node:crypto';
import Decimal from 'decimal.js';
import { demoCardKey, demoLpa } from '../../shared/sim/demo-delivery';
import type { SimResponse } from '../../shared/sim/server';
import { error, fail, respond } from './answers';
import type { SimProduct, SimSku, SimWholesaleTier } from './seed';

export interface SimAccount {
  apiKey: string;
  apiSecret: string;
  active: boolean;
  userDisabled: boolean;
  /** Wallet balance in the site currency, as a decimal string. */
  balance: string;
}

export interface SimOrder {
  orderId: number;
  orderNo: string;
  apiKey: string;
  downstreamOrderNo: string | null;
  sku: SimSku;
  product: SimProduct;
  quantity: number;
  amount: string;
  status: 'paid' | 'completed' | 'canceled' | 'refunded' | 'partially_refunded' | (string & {});
  /** Given back, for refunded and partially_refunded. */
  refundedAmount: string;
  polls: number;
  /** When the server's de-duplication starts seeing this order (createdAt + dedupLagMs). */
  dedupVisibleAt: number;
  payload: string | null;
  deliveryData: Record<string, unknown> | null;
  deliveredAt: string | null;
}

/** What ordering differs in between servers speaking this protocol (Dujiao-Next itself, MeSIM). */
export interface OrderFlavor {
  currency: string;
  /** MeSIM sells one at a time. */
  maxQuantity: number | null;
  requireDownstreamOrderNo: boolean;
  /** Dujiao-Next looks orders up by numeric id; MeSIM by order_no. */
  orderLookup: 'id' | 'order_no';
  /** Polls of GET /orders/:id before an order is delivered (0: delivered at creation, as MeSIM does). */
  pollsUntilDelivered: number;
  /** MeSIM can only cancel unpaid orders, so in practice never. */
  cancelAllowed: boolean;
}

/** The accounts, their orders, and the switches tests turn to make the server answer as real ones sometimes do. */
export interface DujiaoSimOrderBook {
  accounts: SimAccount[];
  orders: SimOrder[];
  /** Charges per downstream_order_no: tests prove retries never charge twice. */
  charges: Map<string, number>;
  /** SKUs whose payment fails (HTTP 200, ok:false, payment_failed). */
  failPaymentForSku: Set<number>;
  /**
   * SKUs whose orders end refunded instead of delivered: 'all', or the amount given back (partially_refunded), as
   * when the site's own upstream could not fulfil them.
   */
  refundForSku: Map<number, 'all' | string>;
  /**
   * The real server checks downstream_order_no and only later records it (check-then-insert): for this long after
   * an order is created, a repeat of its key is not recognised and creates a second order.
   */
  dedupLagMs: number;
  /** SKUs whose orders report a status word outside the protocol. */
  oddStatusForSku: Map<number, string>;
  /** SKUs charged this total instead of price × quantity (a price change between the client's read and the order). */
  chargeForSku: Map<number, string>;
}

export function emptyOrderBook(accounts: SimAccount[]): DujiaoSimOrderBook {
  return {
    accounts,
    orders: [],
    charges: new Map(),
    failPaymentForSku: new Set(),
    refundForSku: new Map(),
    dedupLagMs: 0,
    oddStatusForSku: new Map(),
    chargeForSku: new Map(),
  };
}

/** POST /orders (idempotent by downstream_order_no, once the server has recorded it), GET /orders/:ref and its cancel. */
export class DujiaoOrderDesk {
  constructor(
    private readonly flavor: OrderFlavor,
    private readonly book: DujiaoSimOrderBook,
    private readonly skuById: (skuId: number) => { sku: SimSku; product: SimProduct } | undefined,
  ) {}

  create(account: SimAccount, body: Record<string, unknown>): SimResponse {
    const {
      sku_id: skuId,
      quantity,
      downstream_order_no: downstream,
      callback_url: callbackUrl,
      manual_form_data: manualFormData,
    } = body;
    if (typeof skuId !== 'number' || !Number.isInteger(skuId))
      return error(fail(400, 'bad_request', 'sku_id is required'));
    if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 1)
      return error(fail(400, 'bad_request', 'quantity must be ≥ 1'));
    if (this.flavor.maxQuantity !== null && quantity > this.flavor.maxQuantity)
      return error(fail(400, 'bad_request', `quantity must be ${this.flavor.maxQuantity}`));
    if (downstream !== undefined && typeof downstream !== 'string')
      return error(fail(400, 'bad_request', 'downstream_order_no must be a string'));
    if (this.flavor.requireDownstreamOrderNo && !downstream)
      return error(fail(400, 'bad_request', 'downstream_order_no is required'));
    if (callbackUrl !== undefined && !isPublicHttpUrl(callbackUrl))
      return error(fail(400, 'invalid_callback_url', 'callback_url must be a public http(s) address'));
    if (downstream) {
      // The real answer to a repeat: the order's current status, never its fulfillment.
      const existing = this.book.orders.find(
        (o) => o.apiKey === account.apiKey && o.downstreamOrderNo === downstream && o.dedupVisibleAt <= Date.now(),
      );
      if (existing) return respond(200, this.view(existing, false));
    }
    const found = this.skuById(skuId);
    if (!found || !found.sku.is_active) return error(fail(400, 'sku_unavailable', 'sku not found or inactive'));
    if (!found.product.is_active) return error(fail(400, 'product_unavailable', 'product not available'));
    // "manual_form_data … required when product is manual type" (§4.5): the buyer's input the seller fulfils from.
    if (
      found.product.fulfillment_type === 'manual' &&
      (!manualFormData || typeof manualFormData !== 'object' || Array.isArray(manualFormData))
    ) {
      return error(fail(400, 'bad_request', 'manual_form_data is required for a manual fulfillment product'));
    }
    if (found.product.fulfillment_type === 'manual') {
      const formProblem = manualFormProblem(
        found.product.manual_form_schema,
        manualFormData as Record<string, unknown>,
      );
      if (formProblem) return error(fail(400, 'bad_request', `manual form data is invalid: ${formProblem}`));
    }
    if (found.sku.stock_quantity !== -1 && found.sku.stock_quantity < quantity)
      return error(fail(409, 'insufficient_stock', 'insufficient stock'));
    const amount =
      this.book.chargeForSku.get(skuId) ??
      new Decimal(serverUnitPrice(found.product, found.sku, quantity)).times(quantity).toFixed(2);
    if (new Decimal(account.balance).lessThan(amount))
      return error(fail(402, 'insufficient_balance', 'insufficient wallet balance'));
    const order: SimOrder = {
      orderId: 100 + this.book.orders.length + 1,
      orderNo: `${this.flavor.orderLookup === 'order_no' ? 'API' : 'DJ'}${Date.now()}${randomBytes(2).toString('hex').toUpperCase()}`,
      apiKey: account.apiKey,
      downstreamOrderNo: (downstream as string | undefined) ?? null,
      sku: found.sku,
      product: found.product,
      quantity,
      amount,
      status: 'paid',
      refundedAmount: '0.00',
      polls: 0,
      payload: null,
      deliveryData: null,
      deliveredAt: null,
      dedupVisibleAt: Date.now() + this.book.dedupLagMs,
    };
    this.book.orders.push(order);
    if (this.book.failPaymentForSku.has(skuId)) {
      order.status = 'canceled';
      return respond(200, {
        ok: false,
        order_id: order.orderId,
        order_no: order.orderNo,
        status: 'canceled',
        error_code: 'payment_failed',
        error_message: 'wallet payment failed',
      });
    }
    account.balance = new Decimal(account.balance).minus(amount).toFixed(2);
    if (order.downstreamOrderNo)
      this.book.charges.set(order.downstreamOrderNo, (this.book.charges.get(order.downstreamOrderNo) ?? 0) + 1);
    if (found.sku.stock_quantity > 0) found.sku.stock_quantity -= quantity;
    this.advance(order);
    return respond(200, this.view(order, false));
  }

  /** GET /orders/:ref: each look counts as a poll, which is what moves an order on. */
  get(account: SimAccount, ref: string): SimResponse {
    const order = this.find(account, ref);
    if (!order) return error(fail(404, 'order_not_found', 'order not found'));
    order.polls++;
    this.advance(order);
    return respond(200, this.view(order, true));
  }

  cancel(account: SimAccount, ref: string): SimResponse {
    const order = this.find(account, ref);
    if (!order) return error(fail(404, 'order_not_found', 'order not found'));
    if (!this.flavor.cancelAllowed || order.status !== 'paid')
      return error(fail(409, 'cancel_not_allowed', 'order cannot be canceled in its current status'));
    order.status = 'canceled';
    account.balance = new Decimal(account.balance).plus(order.amount).toFixed(2);
    return respond(200, { ok: true, order_id: order.orderId, order_no: order.orderNo, status: 'canceled' });
  }

  private advance(order: SimOrder): void {
    if (order.status !== 'paid' || order.polls < this.flavor.pollsUntilDelivered) return;
    const odd = this.book.oddStatusForSku.get(order.sku.id);
    if (odd) {
      order.status = odd;
      return;
    }
    const refund = this.book.refundForSku.get(order.sku.id);
    if (refund) {
      order.status = refund === 'all' ? 'refunded' : 'partially_refunded';
      order.refundedAmount = refund === 'all' ? order.amount : refund;
      const account = this.book.accounts.find((a) => a.apiKey === order.apiKey);
      if (account) account.balance = new Decimal(account.balance).plus(order.refundedAmount).toFixed(2);
      return;
    }
    order.status = 'completed';
    order.deliveredAt = new Date().toISOString();
    if (order.product.delivers === 'esim') {
      const { lpa, iccid } = demoLpa(order.orderNo);
      order.payload = lpa;
      order.deliveryData = { lpa, number: iccid, verify_code: '', qrcode: '', image_url: '' };
    } else if (order.product.delivers === 'card') {
      order.payload = demoCardKey(order.orderNo);
    } else {
      order.payload = 'top-up credited';
    }
  }

  /**
   * POST /orders (new or repeated) answers only ok, ids, status, amount and currency; GET /orders/:id adds the
   * refund, the items and, once delivered, the fulfillment (upstream_handler.go CreateOrder / GetOrder).
   */
  private view(order: SimOrder, detailed: boolean) {
    return {
      ok: true,
      order_id: order.orderId,
      order_no: order.orderNo,
      status: order.status,
      amount: order.amount,
      currency: this.flavor.currency,
      ...(detailed
        ? {
            refunded_amount: order.refundedAmount,
            refund_records: [],
            items: [
              {
                product_id: order.product.id,
                sku_id: order.sku.id,
                title: order.product.title,
                quantity: order.quantity,
                unit_price: order.sku.price_amount,
                total_price: order.amount,
                fulfillment_type: order.product.fulfillment_type,
              },
            ],
          }
        : {}),
      ...(detailed && order.status === 'completed'
        ? {
            fulfillment: {
              type: order.product.fulfillment_type,
              status: 'delivered',
              payload: order.payload,
              delivery_data: order.deliveryData,
              delivered_at: order.deliveredAt,
            },
          }
        : {}),
    };
  }

  private find(account: SimAccount, ref: string): SimOrder | undefined {
    return this.book.orders.find(
      (o) =>
        o.apiKey === account.apiKey &&
        (this.flavor.orderLookup === 'id' ? String(o.orderId) === ref : o.orderNo === ref),
    );
  }
}

/**
 * The real server's manual-form check (service/manual_form.go), for the fields a schema types: a number field takes
 * a JSON number (or numeric text), a checkbox field an array of its options, every other field a string.
 * Returns why the data is refused, or null.
 */
function manualFormProblem(schema: unknown, data: Record<string, unknown>): string | null {
  const fields =
    schema && typeof schema === 'object' && Array.isArray((schema as { fields?: unknown }).fields)
      ? (schema as { fields: unknown[] }).fields
      : [];
  for (const raw of fields) {
    if (!raw || typeof raw !== 'object') continue;
    const field = raw as { key?: unknown; type?: unknown; required?: unknown; options?: unknown };
    if (typeof field.key !== 'string') continue;
    const value = data[field.key];
    if (value === undefined || value === '') {
      if (field.required === true) return `${field.key} is required`;
      continue;
    }
    const options = Array.isArray(field.options)
      ? field.options.filter((o): o is string => typeof o === 'string')
      : null;
    if (field.type === 'number') {
      if (
        typeof value !== 'number' &&
        !(typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
      )
        return `${field.key} must be a number`;
    } else if (field.type === 'checkbox') {
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
        return `${field.key} must be a list of choices`;
      if (options && value.some((v) => !options.includes(v as string)))
        return `${field.key} has a choice that is not offered`;
    } else {
      if (typeof value !== 'string') return `${field.key} must be text`;
      if ((field.type === 'select' || field.type === 'radio') && options && !options.includes(value.trim()))
        return `${field.key} has a choice that is not offered`;
    }
  }
  return null;
}

/** The real server refuses callbacks to loopback and private networks. */
function isPublicHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  const host = url.hostname;
  return !(
    host === 'localhost' ||
    /^127\./.test(host) ||
    /^10\./.test(host) ||
    /^192\.168\./.test(host) ||
    /^172\.(1[6-9]|2\d|3[01])\./.test(host) ||
    host === '[::1]'
  );
}

/**
 * The unit price the real server charges (its product-domain wholesale resolution, read from the source): tiers
 * are ranked by how specifically they name the SKU (id 3, code 2, none 1); a SKU with any tier of its own is priced
 * only from those, others only from the product-wide ones; the cheapest tier the quantity reaches applies, and only
 * when it is below the SKU's price. Written apart from the client's reading on purpose.
 */
export function serverUnitPrice(product: SimProduct, sku: SimSku, quantity: number): string {
  const base = new Decimal(sku.price_amount).toDecimalPlaces(2);
  const priority = (tier: SimWholesaleTier): number => {
    const tierCode = (tier.sku_code ?? '').trim().toLowerCase();
    if (!tier.sku_id && tierCode === '') return 1;
    if (tier.sku_id)
      return tier.sku_id === sku.id && (tierCode === '' || tierCode === sku.sku_code.trim().toLowerCase()) ? 3 : 0;
    return tierCode === sku.sku_code.trim().toLowerCase() ? 2 : 0;
  };
  const tiers = product.wholesale_prices ?? [];
  const specific = tiers.some((tier) => priority(tier) >= 2);
  let best: Decimal | null = null;
  for (const tier of tiers) {
    const rank = priority(tier);
    if (tier.min_quantity <= 0 || !new Decimal(tier.unit_price).greaterThan(0) || rank === 0) continue;
    if (specific ? rank < 2 : rank !== 1) continue;
    if (quantity < tier.min_quantity) continue;
    if (best === null || new Decimal(tier.unit_price).lessThan(best)) best = new Decimal(tier.unit_price);
  }
  return best !== null && best.toDecimalPlaces(2).lessThan(base) ? best.toDecimalPlaces(2).toFixed(2) : base.toFixed(2);
}

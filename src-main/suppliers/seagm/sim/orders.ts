import Decimal from 'decimal.js';
import { demoCardKey } from '../../shared/sim/demo-delivery';
import type { SimResponse } from '../../shared/sim/server';
import { USD_PER_UNIT, type SeagmSimCatalog, type SimInputField } from './seed';
import { failure, ok, refuse, type Failure } from './answers';

export type SimOrderFamily = 'card' | 'recharge' | 'mobile';

/** The account a create call pays from: its balance is debited in its own currency, as SEAGM Credits are. */
export interface PayingAccount {
  currency: string;
  /** Decimal string. */
  balance: string;
}

/** One order as the simulated SEAGM keeps it; `view` turns it into the doc's shape. */
export interface SeagmSimOrder {
  id: number;
  tradeId: number;
  family: SimOrderFamily;
  /** "" when the create call sent none, as the doc's list example shows. */
  mchOrderId: string;
  title: string;
  categoryId: number;
  productId: number;
  created: number;
  currency: string;
  unitPrice: Decimal;
  buyAmount: number;
  payAmount: Decimal;
  /** What the balance lost, in the account currency; credits are its hundredths. */
  debited: Decimal;
  account: PayingAccount;
  statusCode: 10001 | 10002 | 10003 | 10004;
  sentTime: number;
  cards: Array<{ id: number; card_number: string; card_pin: string; expired: string }>;
  fields: Record<string, string>;
  /** Detail reads seen while waiting to be sent. */
  reads: number;
  /** Given back to the balance, in the order's currency: all of payAmount once refunded (10004), or a part of it. */
  refunded: Decimal;
}

export interface SeagmSimOrderBook {
  orders: SeagmSimOrder[];
  /** Successful charges per mch_order_id (`order:<id>` without one): a count above 1 is a double charge. */
  charges: Map<string, number>;
  /** Every create is refused at payment (20112 "Balance payment Failed."), as a declined balance payment is. */
  forcePaymentFailure: boolean;
  /** Type or mobile product ids that answer "Current product stock out" (416/20125) whatever the catalog says. */
  outOfStock: Set<string>;
  /** Detail reads an order spends in "Wait send" before it is sent; cards of auto-delivery categories are sent at once. */
  readsBeforeSent: number;
}

export function emptyOrderBook(): SeagmSimOrderBook {
  return { orders: [], charges: new Map(), forcePaymentFailure: false, outOfStock: new Set(), readsBeforeSent: 1 };
}

const STATUS_TEXT: Record<SeagmSimOrder['statusCode'], string> = {
  10001: 'Wait send',
  10002: 'Sending...',
  10003: 'Done',
  10004: 'Refunded',
};
const SEND_TEXT: Record<number, string> = { 1: 'Wait send', 2: 'Sending...', 3: 'Done' };

const MISSING = failure(406, 20002, 'Dismiss a parameter.');
const BAD_VALUE = failure(400, 20004, 'Invalid parameter value.');

/**
 * The doc's three order families: create (POST, paid from the balance at once) and detail by SEAGM id or by
 * mch_order_id (query_type=mchOrderId). Refusals use the doc's info codes; a mch_order_id is taken only once.
 */
export class SeagmOrderDesk {
  private nextId = 17401700;
  private nextTradeId = 15440900;

  constructor(
    private readonly catalog: () => SeagmSimCatalog,
    private readonly book: SeagmSimOrderBook,
  ) {}

  createCard(params: Map<string, string>, account: PayingAccount, nowMs: number): SimResponse {
    const typeId = params.get('type_id');
    if (!typeId) return refuse(MISSING);
    const type = this.catalog().goods.flatMap((good) =>
      good.family === 'card' && String(good.item.id) === typeId ? [good.item] : [],
    )[0];
    if (!type) return refuse(failure(404, 20077, "Card type doesn't exist."));
    const quantity = buyAmount(params.get('buy_amount'), type);
    if ('infoCode' in quantity) return refuse(quantity);
    if (!type.has_stock) return refuse(failure(416, 20125, 'Current product stock out'));
    const category = this.catalog().cardCategories.find((c) => c.id === type.category_id);
    return this.charge(account, nowMs, {
      family: 'card',
      mchOrderId: params.get('mch_order_id') ?? '',
      title: `${category?.name ?? type.category_name}<span/>${type.name}`,
      categoryId: type.category_id,
      productId: type.id,
      currency: type.currency,
      unitPrice: new Decimal(type.unit_price),
      buyAmount: quantity.value,
      fields: {},
      sendNow: category?.auto_delivery === true,
    });
  }

  createRecharge(params: Map<string, string>, account: PayingAccount, nowMs: number): SimResponse {
    const typeId = params.get('type_id');
    if (!typeId) return refuse(MISSING);
    const type = this.catalog().goods.flatMap((good) =>
      good.family === 'recharge' && String(good.item.id) === typeId ? [good.item] : [],
    )[0];
    if (!type) return refuse(failure(404, 20079, "The product doesn't exist."));
    const quantity = buyAmount(params.get('buy_amount'), type);
    if ('infoCode' in quantity) return refuse(quantity);
    const fields = fieldValues(type.fields, params);
    if ('infoCode' in fields) return refuse(fields);
    const category = this.catalog().rechargeCategories.find((c) => c.id === type.category_id);
    return this.charge(account, nowMs, {
      family: 'recharge',
      mchOrderId: params.get('mch_order_id') ?? '',
      title: `${category?.name ?? 'Top up'}<span/>${type.name}`,
      categoryId: type.category_id,
      productId: type.id,
      currency: type.currency,
      unitPrice: new Decimal(type.unit_price),
      buyAmount: quantity.value,
      fields: fields.values,
      sendNow: false,
    });
  }

  createMobile(params: Map<string, string>, account: PayingAccount, nowMs: number): SimResponse {
    const productId = params.get('product_id');
    const callingCode = params.get('calling_code');
    const phone = params.get('phone_number');
    if (!productId || !callingCode || !phone) return refuse(MISSING);
    const good = this.catalog().goods.find((g) => g.family === 'mobile' && String(g.item.product_id) === productId);
    if (!good || good.family !== 'mobile') return refuse(failure(404, 20079, "The product doesn't exist."));
    const operator = this.catalog().operators.find((o) => o.id === good.operatorId);
    const country = this.catalog().countries.find((c) => c.code === operator?.country_code);
    if (!operator || callingCode !== country?.calling_code) return refuse(BAD_VALUE);
    if (!/^\d{5,15}$/.test(phone)) return refuse(failure(400, 20134, 'Failed to verify.'));
    return this.charge(account, nowMs, {
      family: 'mobile',
      mchOrderId: params.get('mch_order_id') ?? '',
      title: `${operator.name}<span/>${good.item.product_name}`,
      categoryId: operator.id,
      productId: good.item.product_id,
      currency: good.item.currency,
      unitPrice: new Decimal(good.item.unit_price),
      buyAmount: 1,
      fields: {
        calling_code: callingCode,
        phone_number: phone,
        validity: good.item.validity,
        local_tax: '0.00',
        local_received: good.item.local_received,
      },
      sendNow: false,
    });
  }

  /** `key` is SEAGM's order id, or the mch_order_id when query_type=mchOrderId. Reading a waiting order moves it on. */
  detail(family: SimOrderFamily, key: string | undefined, params: Map<string, string>, nowMs: number): SimResponse {
    if (!key) return refuse(MISSING);
    const byMerchantId = params.get('query_type') === 'mchOrderId';
    const order = this.book.orders.find(
      (o) => o.family === family && (byMerchantId ? o.mchOrderId !== '' && o.mchOrderId === key : String(o.id) === key),
    );
    if (!order) return refuse(failure(404, 20080, "This order doesn't exist."));
    if (order.statusCode === 10001 || order.statusCode === 10002) {
      order.reads++;
      if (order.reads > this.book.readsBeforeSent) this.send(order, nowMs);
      else order.statusCode = 10002;
    }
    return ok(view(order));
  }

  /**
   * SEAGM gives the money back instead of delivering (a failed top-up, a card it could not source): all of it
   * (status 10004, payment "Refunded"), or, with `amount`, a part of it while the order keeps its status (a card order
   * it could fill only in part). The balance gets the same share of what it was debited.
   */
  refund(mchOrderId: string, amount?: string): void {
    const order = this.orderByKey(mchOrderId);
    const part = amount === undefined ? order.payAmount : Decimal.min(new Decimal(amount), order.payAmount);
    const credited = order.debited.times(part).div(order.payAmount).toDecimalPlaces(2);
    order.refunded = part;
    if (part.equals(order.payAmount)) order.statusCode = 10004;
    order.account.balance = new Decimal(order.account.balance).plus(credited).toFixed(2);
  }

  /**
   * The order callback of the doc's "PAYMENT ORDER CALLBACK": its fields with the example's types (mostly strings,
   * `timestamp` and `status_code` numbers), no cards or top-up fields. `extra` adds or replaces fields.
   */
  callbackFields(
    mchOrderId: string,
    nowMs: number,
    extra: Record<string, string | number> = {},
  ): Record<string, string | number> {
    const order = view(this.orderByKey(mchOrderId));
    return {
      id: String(order.id),
      trade_id: String(order.trade_id),
      title: order.title,
      category_id: String(order.category_id),
      product_id: String(order.product_id),
      type_id: String(order.type_id),
      created: String(order.created),
      created_time: String(order.created_time),
      currency: order.currency,
      unit_price: order.unit_price,
      buy_amount: order.buy_amount.toFixed(2),
      pay_amount: order.pay_amount,
      pay_amount_credits: String(order.pay_amount_credits),
      refunded_amount: order.refunded_amount,
      send_amount: order.send_amount,
      paid_time: String(order.paid_time),
      sent_time: String(order.sent_time),
      pay_status_code: String(order.pay_status_code),
      pay_status: order.pay_status,
      send_status_code: String(order.send_status_code),
      send_status: order.send_status,
      timestamp: Math.floor(nowMs / 1000),
      status: order.status,
      status_code: order.status_code,
      mch_order_id: order.mch_order_id,
      ...extra,
    };
  }

  private orderByKey(mchOrderId: string): SeagmSimOrder {
    const order = this.book.orders.find((o) => o.mchOrderId === mchOrderId);
    if (!order) throw new Error(`no order ${mchOrderId}`);
    return order;
  }

  private charge(
    account: PayingAccount,
    nowMs: number,
    order: {
      family: SimOrderFamily;
      mchOrderId: string;
      title: string;
      categoryId: number;
      productId: number;
      currency: string;
      unitPrice: Decimal;
      buyAmount: number;
      fields: Record<string, string>;
      sendNow: boolean;
    },
  ): SimResponse {
    if (order.mchOrderId !== '' && this.book.orders.some((o) => o.mchOrderId === order.mchOrderId))
      return refuse(failure(400, 20135, 'The mch order id already Exist.'));
    if (this.book.outOfStock.has(String(order.productId)))
      return refuse(failure(416, 20125, 'Current product stock out'));
    if (this.book.forcePaymentFailure) return refuse(failure(402, 20112, 'Balance payment Failed.'));
    const payAmount = order.unitPrice.times(order.buyAmount);
    const debited = inCurrency(payAmount, order.currency, account.currency);
    if (debited.greaterThan(account.balance)) return refuse(failure(402, 20033, 'Insufficient Balance.'));
    account.balance = new Decimal(account.balance).minus(debited).toFixed(2);
    const created: SeagmSimOrder = {
      ...order,
      id: this.nextId++,
      tradeId: this.nextTradeId++,
      created: Math.floor(nowMs / 1000),
      payAmount,
      debited,
      account,
      statusCode: 10001,
      sentTime: 0,
      cards: [],
      reads: 0,
      refunded: new Decimal(0),
    };
    this.book.orders.push(created);
    const chargeKey = created.mchOrderId || `order:${created.id}`;
    this.book.charges.set(chargeKey, (this.book.charges.get(chargeKey) ?? 0) + 1);
    if (order.sendNow) this.send(created, nowMs);
    return ok(view(created));
  }

  private send(order: SeagmSimOrder, nowMs: number): void {
    order.statusCode = 10003;
    order.sentTime = Math.floor(nowMs / 1000) + 1;
    if (order.family !== 'card') return;
    order.cards = Array.from({ length: order.buyAmount }, (_, n) => {
      const ref = `${order.id}:${n}`;
      return {
        id: 8881100 + (order.id % 10000) * 10 + n,
        card_number: `SG${order.productId}${String(order.id).slice(-6)}${n}`,
        card_pin: demoCardKey(ref),
        expired: '-',
      };
    });
  }
}

/** The doc's order shape: ids as ints, amounts as 2-decimal strings, status texts beside their codes. */
function view(order: SeagmSimOrder) {
  const paid = order.statusCode !== 10004;
  const sendCode = order.statusCode === 10003 ? 3 : order.statusCode === 10002 ? 2 : 1;
  return {
    id: order.id,
    trade_id: order.tradeId,
    title: order.title,
    category_id: order.categoryId,
    product_id: order.productId,
    type_id: order.productId,
    created: order.created,
    created_time: order.created,
    currency: order.currency,
    unit_price: order.unitPrice.toFixed(2),
    buy_amount: order.buyAmount,
    pay_amount: order.payAmount.toFixed(2),
    pay_amount_credits: order.debited.times(100).toNumber(),
    refunded_amount: order.refunded.toFixed(2),
    send_amount: (order.statusCode === 10003 ? order.buyAmount : 0).toFixed(3),
    paid_time: order.created,
    sent_time: order.sentTime,
    pay_status_code: paid ? 2 : 3,
    pay_status: paid ? 'Paid' : 'Refunded',
    send_status_code: sendCode,
    send_status: SEND_TEXT[sendCode],
    status: STATUS_TEXT[order.statusCode],
    status_code: order.statusCode,
    mch_order_id: order.mchOrderId,
    ...(order.family === 'card' ? { cards: order.cards } : { fields: order.fields }),
  };
}

/** buy_amount as the doc's codes police it: an integer, at least 1, within the type's min and max (0 = no max). */
function buyAmount(
  text: string | undefined,
  limits: { min_amount: number; max_amount: number },
): { value: number } | Failure {
  const value = text === undefined ? 1 : /^\d+$/.test(text) ? Number(text) : NaN;
  if (Number.isNaN(value)) return failure(400, 20032, 'Quantity must be an integer.');
  if (value < 1) return failure(400, 20121, 'Buy amount must be 1 or more');
  if (limits.max_amount > 0 && value > limits.max_amount)
    return failure(400, 20019, 'Quantity must less than MaxAmount.');
  if (limits.min_amount > 0 && value < limits.min_amount) return failure(400, 20124, 'Invalid Buy Amount');
  return { value };
}

/** Every field of the type is required; a select takes only its options, and a chosen option's child select its own. */
function fieldValues(
  fields: SimInputField[],
  params: Map<string, string>,
): { values: Record<string, string> } | Failure {
  const values: Record<string, string> = {};
  for (const field of fields) {
    const value = params.get(field.name)?.trim();
    if (!value) return MISSING;
    values[field.name] = value;
    if (field.type !== 'select') continue;
    const option = field.options?.find((o) => o.value === value);
    if (!option) return BAD_VALUE;
    for (const child of option.child ?? []) {
      const childValue = params.get(child.name)?.trim();
      if (!childValue) return MISSING;
      const allowed = child.options.find((o) => o.parent_value === value)?.child_options ?? [];
      if (!allowed.some((o) => o.value === childValue)) return BAD_VALUE;
      values[child.name] = childValue;
    }
  }
  return { values };
}

/** SEAGM converts at "our system FX rate" and does not publish it; the seed's rough rates stand in for it. */
function inCurrency(amount: Decimal, from: string, to: string): Decimal {
  if (from === to) return amount.toDecimalPlaces(2);
  return amount.times(USD_PER_UNIT[from]).div(USD_PER_UNIT[to]).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

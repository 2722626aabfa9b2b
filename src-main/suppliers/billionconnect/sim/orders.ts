import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import Decimal from 'decimal.js';
import { demoLpa } from '../../shared/sim/demo-delivery';
import type { SimResponse } from '../../shared/sim/server';
import type { BcSimProduct } from './seed';
import { SIGN_METHOD, signBody } from '../sign';
import { PARAMETER_ERROR, ok, refuse, type Refusal } from './answers';
import { formatTradeTime } from '../trade-time';

/*
 * The vendor publishes no error table for orders. These refusals are the simulator's own (not real BillionConnect
 * codes), numbered away from 1000/1003 so a client can only treat them as what they are: "not 1000".
 */
export const INSUFFICIENT_BALANCE: Refusal = { tradeCode: '2001', tradeMsg: '账户余额不足' };
export const OUT_OF_STOCK: Refusal = { tradeCode: '2002', tradeMsg: '库存不足' };
export const ORDER_NOT_FOUND: Refusal = { tradeCode: '2003', tradeMsg: '订单不存在' };
export const NOT_CANCELLABLE: Refusal = { tradeCode: '2004', tradeMsg: '订单已发货，不能取消' };

/** F040 orders only these: eSIM + self-selected plan and eSIM + fixed plan (the FAQ). */
const ESIM_ORDER_TYPES = new Set(['3105', '3106']);
const MAX_NUMBER = 1000;
/** "If the N009 notification fails, the system will retry up to three times." */
const PUSH_RETRIES = 3;
const VALIDITY_MS = 180 * 24 * 60 * 60 * 1000;

/** The account an order is paid from and whose appSecret signs its pushes. */
export interface OrderingAccount {
  appKey: string;
  appSecret: string;
  /** Decimal strings. */
  accountBalance: string;
  frozenBalance: string;
}

interface SimEsim {
  uid: string;
  iccid: string;
  qrCodeContent: string;
  pin: string;
  puk: string;
  validTime: string;
}

export interface BcSimOrder {
  orderId: string;
  channelOrderId: string;
  email: string | null;
  createTime: string;
  /** 0 ordered, 1 shipped (once N009 went out), 2 cancelled. */
  orderStatus: '0' | '1' | '2';
  total: Decimal;
  account: OrderingAccount;
  subOrders: Array<{
    subOrderId: string;
    channelSubOrderId: string;
    deviceSkuId: string;
    planSkuCopies: string;
    number: string;
    esims: SimEsim[];
  }>;
}

export interface BcSimOrderBook {
  orders: BcSimOrder[];
  /** Successful F040 charges per channelOrderId: a count above 1 is a double charge. */
  charges: Map<string, number>;
  /** Every F040 is refused as unpaid (the simulator's 2001), as an account without funds is. */
  forcePaymentFailure: boolean;
  /** skuIds whose eSIM pool is empty: F040 answers the simulator's 2002. */
  outOfStock: Set<string>;
  /**
   * When set, F040 makes (and charges) the order, then answers with this refusal instead of success: a busy
   * platform, or a retried request whose first copy went through. Cleared after one use.
   */
  refuseAfterCreating: Refusal | null;
  /** The platform's "Notification Callback URL": when set, N009 is pushed there right after each new order. */
  notifyUrl: string | null;
  /**
   * How long before each N009 attempt (the first push, then each retry): none by default, so tests see it at once;
   * the demo waits a few seconds, as the real platform waits minutes, with room for the receiver to come up.
   */
  pushDelaysMs: number[];
  /** Every N009 sent: where to, and what the receiver answered. */
  pushes: Array<{ channelOrderId: string; url: string; status: number; reply: string }>;
}

export function emptyOrderBook(): BcSimOrderBook {
  return {
    orders: [],
    charges: new Map(),
    forcePaymentFailure: false,
    outOfStock: new Set(),
    refuseAfterCreating: null,
    notifyUrl: null,
    pushDelaysMs: [],
    pushes: [],
  };
}

interface OrderLine {
  channelSubOrderId: string;
  deviceSkuId: string;
  planSkuCopies: string;
  number: string;
}

/**
 * F040 (idempotent by channelOrderId: a repeat answers the order already made), F011 by channelOrderId, F008 by
 * orderId, and N009 sent to a URL signed with the account's appSecret, as BillionConnect signs its requests.
 */
export class BcOrderDesk {
  private sequence = 0;

  constructor(
    private readonly catalog: () => BcSimProduct[],
    private readonly book: BcSimOrderBook,
  ) {}

  createEsimOrder(data: Record<string, unknown>, account: OrderingAccount, nowMs: number): SimResponse {
    const { channelOrderId, email, subOrderList } = data;
    if (
      typeof channelOrderId !== 'string' ||
      channelOrderId === '' ||
      (email !== undefined && typeof email !== 'string')
    )
      return refuse(PARAMETER_ERROR);
    const lines = orderLines(subOrderList);
    if (!lines) return refuse(PARAMETER_ERROR);
    const existing = this.book.orders.find((order) => order.channelOrderId === channelOrderId);
    if (existing) return ok(created(existing));

    let total = new Decimal(0);
    for (const line of lines) {
      const product = this.catalog().find((p) => p.skuId === line.deviceSkuId);
      const row = product?.prices.find((price) => price.copies === line.planSkuCopies);
      const number = Number(line.number);
      if (
        !product ||
        !ESIM_ORDER_TYPES.has(product.type) ||
        !row ||
        !Number.isInteger(number) ||
        number < 1 ||
        number > MAX_NUMBER
      )
        return refuse(PARAMETER_ERROR);
      if (this.book.outOfStock.has(product.skuId)) return refuse(OUT_OF_STOCK);
      total = total.plus(new Decimal(row.settlementPrice).times(number));
    }
    const available = new Decimal(account.accountBalance).minus(account.frozenBalance);
    if (this.book.forcePaymentFailure || total.greaterThan(available)) return refuse(INSUFFICIENT_BALANCE);
    account.accountBalance = decimalText(new Decimal(account.accountBalance).minus(total));

    const n = ++this.sequence;
    const orderId = `2778172${String(n).padStart(9, '0')}`;
    const order: BcSimOrder = {
      orderId,
      channelOrderId,
      email: email ?? null,
      createTime: formatTradeTime(nowMs),
      orderStatus: '0',
      total,
      account,
      subOrders: lines.map((line, index) => ({
        ...line,
        subOrderId: `1778172${String(n).padStart(7, '0')}${String(index + 1).padStart(2, '0')}`,
        esims: Array.from({ length: Number(line.number) }, (_, unit) => esim(`${orderId}-${index}-${unit}`, nowMs)),
      })),
    };
    this.book.orders.push(order);
    this.book.charges.set(channelOrderId, (this.book.charges.get(channelOrderId) ?? 0) + 1);
    const { notifyUrl } = this.book;
    if (notifyUrl) void this.deliver(order, notifyUrl, PUSH_RETRIES);
    const refusal = this.book.refuseAfterCreating;
    if (refusal) {
      this.book.refuseAfterCreating = null;
      return refuse(refusal);
    }
    return ok(created(order));
  }

  queryOrder(data: Record<string, unknown>): SimResponse {
    if (typeof data.channelOrderId !== 'string' || data.channelOrderId === '') return refuse(PARAMETER_ERROR);
    const order = this.book.orders.find((o) => o.channelOrderId === data.channelOrderId);
    // No documented answer for an unknown order; "success" with no order in it is the one a client can read safely.
    if (!order) return ok(null);
    const shipped = order.orderStatus === '1';
    return ok({
      orderId: order.orderId,
      channelOrderId: order.channelOrderId,
      orderStatus: order.orderStatus,
      createTime: order.createTime,
      totalAmount: decimalText(order.total),
      subOrderList: order.subOrders.map((sub) => ({
        subOrderId: sub.subOrderId,
        channelSubOrderId: sub.channelSubOrderId,
        deviceSkuId: sub.deviceSkuId,
        planSkuCopies: sub.planSkuCopies,
        number: sub.number,
        // Both shapes the docs show: a lone ICCID as a string, several as a list.
        iccid: !shipped ? [] : sub.esims.length === 1 ? sub.esims[0].iccid : sub.esims.map((e) => e.iccid),
      })),
    });
  }

  cancelOrder(data: Record<string, unknown>): SimResponse {
    if (typeof data.orderId !== 'string' || data.orderId === '') return refuse(PARAMETER_ERROR);
    const order = this.book.orders.find((o) => o.orderId === data.orderId);
    if (!order) return refuse(ORDER_NOT_FOUND);
    if (order.orderStatus === '1') return refuse(NOT_CANCELLABLE);
    if (order.orderStatus === '0') {
      order.orderStatus = '2';
      order.account.accountBalance = decimalText(new Decimal(order.account.accountBalance).plus(order.total));
    }
    return ok(undefined);
  }

  /** N009 exactly as it would travel: the body's bytes and the headers that sign them. */
  n009(channelOrderId: string, nowMs = Date.now()): { body: Buffer; headers: Record<string, string> } {
    const order = this.book.orders.find((o) => o.channelOrderId === channelOrderId);
    if (!order) throw new Error(`no order ${channelOrderId}`);
    const body = Buffer.from(
      JSON.stringify({
        tradeType: 'N009',
        tradeTime: formatTradeTime(nowMs),
        tradeData: {
          orderId: order.orderId,
          channelOrderId: order.channelOrderId,
          subOrderList: order.subOrders.flatMap((sub) =>
            sub.esims.map((e) => ({
              subOrderId: sub.subOrderId,
              channelSubOrderId: sub.channelSubOrderId,
              uid: e.uid,
              iccid: e.iccid,
              qrCodeContent: e.qrCodeContent,
              apn: 'plus',
              pin: e.pin,
              puk: e.puk,
              msisdn: '',
              validTime: e.validTime,
              rechargeableESIM: '0',
            })),
          ),
        },
      }),
      'utf8',
    );
    const headers = {
      'content-type': 'application/json;charset=UTF-8',
      'x-channel-id': order.account.appKey,
      'x-sign-method': SIGN_METHOD,
      'x-sign-value': signBody(order.account.appSecret, body),
    };
    return { body, headers };
  }

  /** Sends N009 once (the order counts as shipped from then on) and returns what the receiver answered. */
  async pushN009(channelOrderId: string, url: string): Promise<{ status: number; reply: string }> {
    const { body, headers } = this.n009(channelOrderId);
    const order = this.book.orders.find((o) => o.channelOrderId === channelOrderId)!;
    if (order.orderStatus === '0') order.orderStatus = '1';
    let answer: { status: number; reply: string };
    try {
      const response = await fetch(url, { method: 'POST', headers, body: new Uint8Array(body) });
      answer = { status: response.status, reply: await response.text() };
    } catch (error) {
      answer = { status: 0, reply: String(error) };
    }
    this.book.pushes.push({ channelOrderId, url, ...answer });
    return answer;
  }

  /** The callback URL's delivery: pushed until the receiver answers tradeCode 1000, retried as the FAQ says. */
  private async deliver(order: BcSimOrder, url: string, retries: number): Promise<void> {
    for (let attempt = 0; attempt <= retries; attempt++) {
      // Never in the same turn as the F040 answer: the order is pushed after it is confirmed, not before.
      await sleep(this.book.pushDelaysMs[attempt] ?? 0, undefined, { ref: false });
      if (order.orderStatus === '2') return;
      const { status, reply } = await this.pushN009(order.channelOrderId, url);
      if (status === 200 && /"tradeCode"\s*:\s*"1000"/.test(reply)) return;
    }
  }
}

function created(order: BcSimOrder) {
  return {
    orderId: order.orderId,
    channelOrderId: order.channelOrderId,
    subOrderList: order.subOrders.map((sub) => ({
      subOrderId: sub.subOrderId,
      channelSubOrderId: sub.channelSubOrderId,
    })),
  };
}

function orderLines(value: unknown): OrderLine[] | null {
  if (!Array.isArray(value) || value.length === 0) return null;
  const fields = ['channelSubOrderId', 'deviceSkuId', 'planSkuCopies', 'number'] as const;
  const lines: OrderLine[] = [];
  for (const entry of value) {
    if (!entry || typeof entry !== 'object') return null;
    const record = entry as Record<string, unknown>;
    if (!fields.every((field) => typeof record[field] === 'string' && record[field] !== '')) return null;
    lines.push({
      channelSubOrderId: record.channelSubOrderId as string,
      deviceSkuId: record.deviceSkuId as string,
      planSkuCopies: record.planSkuCopies as string,
      number: record.number as string,
    });
  }
  return lines;
}

/** A fake but well-formed eSIM, the same for the same order line and unit on every run. */
function esim(ref: string, nowMs: number): SimEsim {
  const { lpa, iccid } = demoLpa(ref);
  const digits = BigInt(`0x${createHash('sha256').update(`sim-codes:${ref}`).digest('hex').slice(0, 15)}`)
    .toString()
    .padStart(12, '0');
  return {
    uid: `185${digits.slice(0, 8)}`,
    iccid,
    qrCodeContent: lpa,
    pin: digits.slice(0, 4),
    puk: digits.slice(4, 12),
    validTime: formatTradeTime(nowMs + VALIDITY_MS),
  };
}

/** Balances keep the scale prices are written in (F003 uses four decimals), at least two. */
function decimalText(value: Decimal): string {
  return value.decimalPlaces() <= 2 ? value.toFixed(2) : value.toFixed();
}

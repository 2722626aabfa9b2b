import { compareAmounts, toDecimalString } from '../../../domain/money';
import { demoLpa } from '../../shared/sim/demo-delivery';
import type { SimResponse } from '../../shared/sim/server';
import type { SimPackage } from './seed';
import { FMS_BAD_PARAMS, FMS_OK } from '../envelope';
import { envelope } from './answers';

/** The codes the FMS docs list for orders (10009: a payment that differs from its pre-order). */
const PRICE_INCONSISTENT = 10009;
const ORDER_NOT_FOUND = 10008;
const PRE_ORDER_TIMEOUT = 6006;
const QR_CODE_NULL = 3005;

/** "if the transaction result is notified more than 10 minutes after preOrder is called, this notification is considered timeout". */
export const PRE_ORDER_TIMEOUT_MS = 10 * 60_000;

const PAYMENT_TYPES = new Set(['payment_intent.succeeded', 'payment_intent.payment_failed']);

export interface FmsSimPreOrder {
  orderId: string;
  packageId: number;
  currency: string;
  /** The amount the pre-order was made for, as decimal text: the payment must match it. */
  money: string;
  createdAt: number;
  /** orderPayStatus: 0 waiting, 1 paid, 2 payment failed, 3 cancelled. */
  payStatus: 0 | 1 | 2 | 3;
  /** Accepted "succeeded" notices; FMS asks for one. */
  notices: number;
  paypalId: string | null;
  /** Status reads since the payment was accepted; the QR code shows once enough have passed. */
  readsSincePaid: number;
  qrCode: string | null;
}

export interface FmsSimOrderBook {
  preOrders: FmsSimPreOrder[];
  /** Paid pre-orders per partner order (the notice's paypalId): a count above 1 is a double charge. */
  charges: Map<string, number>;
  /** A "succeeded" notice is taken, but the order ends in orderPayStatus 2 (payment failed) and nothing is charged. */
  forcePaymentFailure: boolean;
  /** Package ids whose profile pool is empty: pre-orders answer 3005 (qrCode null). */
  outOfStock: Set<number>;
  preOrderTimeoutMs: number;
  /** Status reads after the payment during which FMS still answers 0 (the vendor's flow polls every 2 s for this). */
  readsBeforeQrCode: number;
}

export function emptyOrderBook(): FmsSimOrderBook {
  return {
    preOrders: [],
    charges: new Map(),
    forcePaymentFailure: false,
    outOfStock: new Set(),
    preOrderTimeoutMs: PRE_ORDER_TIMEOUT_MS,
    readsBeforeQrCode: 1,
  };
}

type Body = Record<string, unknown>;

/**
 * The FMS order flow: preOrderPackage reserves a profile at the package's price, the partner's payment notice
 * (/payment/webhook) must match that price and come within the timeout, and queryOrdStatusAndEmail reports
 * orderPayStatus with the QR code once the profile is assigned.
 */
export class FmsOrderDesk {
  private sequence = 0;

  constructor(
    private readonly packageById: (id: number) => SimPackage | undefined,
    private readonly book: FmsSimOrderBook,
  ) {}

  preOrder(body: Body, nowMs: number): SimResponse {
    const { currency, currencyId, deviceType, id, money, packageCode, periodNum } = body;
    if (
      typeof currency !== 'string' ||
      (typeof currencyId !== 'number' && typeof currencyId !== 'string') ||
      String(deviceType) !== '10' ||
      typeof id !== 'number' ||
      typeof money !== 'number' ||
      typeof packageCode !== 'string' ||
      typeof periodNum !== 'number'
    ) {
      return envelope(
        FMS_BAD_PARAMS,
        null,
        'currency, currencyId, deviceType 10, id, money, packageCode and periodNum are required',
      );
    }
    const pkg = this.packageById(id);
    if (!pkg || pkg.packageCode !== packageCode) return envelope(FMS_BAD_PARAMS, null, 'package does not exist');
    if (periodNum < pkg.minOrderPeriod || periodNum > pkg.maxOrderPeriod)
      return envelope(
        FMS_BAD_PARAMS,
        null,
        `periodNum must be between ${pkg.minOrderPeriod} and ${pkg.maxOrderPeriod}`,
      );
    const price = pkg.currencyInfos.find(
      (info) => info.currencyAbbr === currency && String(info.currencyId) === String(currencyId),
    );
    if (!price) return envelope(FMS_BAD_PARAMS, null, `package is not sold in ${currency}`);
    // Invented, not documented: linksfield-fields.md gives 10009 only for a PAYMENT that differs from the pre-order.
    // The simulator also refuses a pre-order whose money is not the package's price, so that a client sending anything
    // but the live price shows in tests; the client never relies on it (it refuses a price rise before sending anything).
    if (compareAmounts(toDecimalString(money), toDecimalString(price.price)) !== 0)
      return envelope(PRICE_INCONSISTENT, null, 'price inconsistent');
    if (this.book.outOfStock.has(id))
      return envelope(QR_CODE_NULL, null, 'qrCode null: no eSIM profile left for this package');
    const orderId = `17981${String(++this.sequence).padStart(14, '0')}`;
    this.book.preOrders.push({
      orderId,
      packageId: id,
      currency,
      money: toDecimalString(money),
      createdAt: nowMs,
      payStatus: 0,
      notices: 0,
      paypalId: null,
      readsSincePaid: 0,
      qrCode: null,
    });
    return envelope(FMS_OK, { orderId }, 'success');
  }

  payment(body: Body, nowMs: number): SimResponse {
    const { dateTime, orderId, payAmount, payCurrency, paypalId, type } = body;
    if (
      typeof dateTime !== 'number' ||
      typeof orderId !== 'string' ||
      typeof payAmount !== 'number' ||
      typeof payCurrency !== 'string' ||
      typeof type !== 'string' ||
      !PAYMENT_TYPES.has(type) ||
      (paypalId !== undefined && typeof paypalId !== 'string')
    ) {
      return envelope(FMS_BAD_PARAMS, null, 'Wrong parameters');
    }
    const order = this.book.preOrders.find((o) => o.orderId === orderId);
    if (!order) return envelope(ORDER_NOT_FOUND, null, 'paypal The callback has no order number');
    if (order.payStatus === 0 && order.notices === 0 && nowMs - order.createdAt > this.book.preOrderTimeoutMs)
      return envelope(PRE_ORDER_TIMEOUT, null, 'PreOrder Timeout');
    if (payCurrency !== order.currency || compareAmounts(toDecimalString(payAmount), order.money) !== 0)
      return envelope(PRICE_INCONSISTENT, null, 'price inconsistent');
    if (type === 'payment_intent.payment_failed') {
      if (order.payStatus === 0) order.payStatus = 2;
      return envelope(FMS_OK, null, 'success');
    }
    order.notices++;
    // Told twice about one payment, FMS does not take the money twice: only the first notice moves the order.
    if (order.notices > 1) return envelope(FMS_OK, null, 'success');
    order.paypalId = paypalId ?? null;
    if (this.book.forcePaymentFailure) {
      order.payStatus = 2;
      return envelope(FMS_OK, null, 'success');
    }
    const chargeKey = paypalId ?? `order:${orderId}`;
    this.book.charges.set(chargeKey, (this.book.charges.get(chargeKey) ?? 0) + 1);
    return envelope(FMS_OK, null, 'success');
  }

  status(body: Body, nowMs: number): SimResponse {
    if (typeof body.orderId !== 'string' || body.orderId === '')
      return envelope(FMS_BAD_PARAMS, null, 'orderId is required');
    const order = this.book.preOrders.find((o) => o.orderId === body.orderId);
    if (!order) return envelope(ORDER_NOT_FOUND, null, 'order does not exist');
    if (order.payStatus === 0 && order.notices === 0 && nowMs - order.createdAt > this.book.preOrderTimeoutMs)
      return envelope(PRE_ORDER_TIMEOUT, null, 'PreOrder Timeout');
    if (order.payStatus === 0 && order.notices > 0) {
      order.readsSincePaid++;
      if (order.readsSincePaid > this.book.readsBeforeQrCode) {
        order.payStatus = 1;
        order.qrCode = demoLpa(order.orderId).lpa;
      }
    }
    return envelope(FMS_OK, { orderPayStatus: order.payStatus, qrCode: order.qrCode }, 'success');
  }

  /** What the portal's cancel does to a pre-order not yet paid: orderPayStatus 3. */
  cancel(orderId: string): void {
    const order = this.book.preOrders.find((o) => o.orderId === orderId);
    if (!order) throw new Error(`no pre-order ${orderId}`);
    if (order.payStatus === 0) order.payStatus = 3;
  }
}

import type { Money } from '../domain/money';
import type { BuyerInputField, OfferKind, Stock } from '../domain/offer';
import type { OfferRef } from '../grid/types';
import type { Delivery, OrderStatus } from '../suppliers/adapter';
import type { AttentionReason } from './attention';
import type { StoredDelivery } from './delivery-vault';

/**
 * The supplier's statuses, plus `attention`: only the merchant can tell what happened, because the supplier
 * confirmed the order once and now says it has none, or answered in a way that leaves the outcome unclear. It is
 * never re-sent automatically (that could charge twice); the merchant checks the supplier's own order list, and
 * can still complete it by hand or cancel it.
 */
export type OrderRecordStatus = OrderStatus | 'attention';

export const ORDER_RECORD_STATUSES: readonly OrderRecordStatus[] = ['pending', 'processing', 'delivered', 'failed', 'canceled', 'refunded', 'partially_refunded', 'attention'];

export const OPEN_STATUSES: readonly OrderRecordStatus[] = ['pending', 'processing'];

export function isOpen(status: OrderRecordStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

export interface TimelineEntry {
  at: string;
  status: OrderRecordStatus;
  upstreamStatus: string | null;
  note: string | null;
}

/** One order as stored: everything needed to re-send the identical request or to ask about it. */
export interface OrderRecord {
  id: number;
  idempotencyKey: string;
  supplierId: string;
  supplierKind: string;
  /** The connection it was placed through (connection-fingerprint.ts); null for orders recorded before it was kept. */
  connectionFingerprint: string | null;
  productId: string;
  skuId: string;
  variant: string;
  offerKind: OfferKind;
  title: string;
  quantity: number;
  expectedCost: Money;
  /** The expected cost in the merchant's currency when it was ordered: what the daily cap counts. */
  capAmount: Money | null;
  /** Local calendar day (YYYY-MM-DD) the order counts against. */
  capDay: string;
  email: string | null;
  buyerInput: Record<string, string> | null;
  status: OrderRecordStatus;
  upstreamOrderId: string | null;
  upstreamStatus: string | null;
  amount: Money | null;
  /** What the supplier refunded (refunded, partially_refunded). */
  refundedAmount: Money | null;
  /** The delivery masked (delivery-vault.ts): what may be shown without a reveal. */
  delivery: Delivery | null;
  /** The delivery as stored, sealed (or in clear, for a row not yet sealed): opened only to reveal it or add to it. */
  storedDelivery?: StoredDelivery | null;
  error: string | null;
  /** Why it is in `attention`, as a code the renderer words; null otherwise (and for attention recorded before codes). */
  attention: AttentionReason | null;
  sendAttempts: number;
  lastSentAt: string | null;
  acknowledgedAt: string | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

/** An order as the API and the CLI show it. */
export interface OrderView {
  id: number;
  idempotencyKey: string;
  supplier: string;
  supplierKind: string;
  offer: OfferRef;
  title: string;
  kind: OfferKind;
  quantity: number;
  expectedCost: Money;
  expectedInMerchantCurrency: Money | null;
  status: OrderRecordStatus;
  upstreamOrderId: string | null;
  upstreamStatus: string | null;
  /** What the supplier charged, once it says. */
  amount: Money | null;
  refundedAmount: Money | null;
  /** Secrets (activation code, PIN, the supplier's QR) masked unless `revealed`. */
  delivery: Delivery | null;
  revealed: boolean;
  error: string | null;
  /** Why it needs the merchant's check, worded by the renderer (`attention.reason.<code>`). */
  attention: AttentionReason | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
  timeline: TimelineEntry[];
}

/** An order of the day as the daily cap weighs it: what was quoted, what the supplier says it charged and refunded. */
export interface DaySpendRow {
  status: OrderRecordStatus;
  expected: Money;
  charged: Money | null;
  refunded: Money | null;
}

export interface SpendingCapView {
  limit: Money;
  spentToday: Money;
  remaining: Money;
}

export interface OrderQuote {
  offer: OfferRef;
  title: string;
  kind: OfferKind;
  stock: Stock;
  quantity: number;
  unitCost: Money;
  /** What the supplier will charge (its currency). */
  cost: Money;
  costInMerchantCurrency: Money | null;
  /** Live, from the supplier's ping; null with `balanceError` when it could not be read. */
  balance: Money | null;
  balanceError: string | null;
  /** Null when no cap is set. */
  cap: SpendingCapView | null;
  /** Fields the buyer must fill in (manual/top-up goods). */
  inputFields: BuyerInputField[];
  /** False with `refusal` when placing it now would be refused (cap, not orderable, no ordering API). */
  allowed: boolean;
  refusal: string | null;
}

export interface PlaceOrderInput {
  offer: OfferRef;
  quantity?: number;
  email?: string;
  buyerInput?: Record<string, string>;
  /** Must be true: placing an order spends money. */
  confirm: boolean;
}

/** A request the order service refuses before anything is recorded or sent; `message` is for the merchant. */
export class OrderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OrderError';
  }
}

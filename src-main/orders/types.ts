import type { RunOwner } from '../db/run-owners';
import type { Money } from '../domain/money';
import type { OfferKind } from '../domain/offer';
import type { Delivery, AttentionReason, OrderRecordStatus } from '../../src-shared/order-types';
import type { StoredDelivery } from './delivery-vault';

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
  /** When the last send began, or, once it ended unanswered, when it ended. */
  lastSentAt: string | null;
  /** Set while a process is sending the order: until when it holds it, and which process it is (migration 024). */
  sendingUntil: string | null;
  sendingOwner: RunOwner | null;
  acknowledgedAt: string | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

/** An order of the day as the daily cap weighs it: what was quoted, what the supplier says it charged and refunded. */
export interface DaySpendRow {
  status: OrderRecordStatus;
  expected: Money;
  charged: Money | null;
  refunded: Money | null;
}

/** A request the order service refuses before anything is recorded or sent; `message` is for the merchant. */
export class OrderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OrderError';
  }
}

import type { Money } from '../src-main/domain/money';
import type { BuyerInputField, OfferKind, Stock } from '../src-main/domain/offer';
import type { OfferRef } from './grid-types';

// An order as it crosses to the renderer: statuses, the delivery (masked unless revealed), why it needs the
// merchant's eyes, and what a quote and the daily cap say before one is placed.

/** `refunded`/`partially_refunded`: the supplier gave the money back (all or part); what it refunded stops counting as spent. */
export type OrderStatus =
  'pending' | 'processing' | 'delivered' | 'failed' | 'canceled' | 'refunded' | 'partially_refunded';

/** What a delivered order hands over: an eSIM (LPA and its parts) or card codes, as the supplier sent them. */
export interface Delivery {
  lpa?: string;
  smdpAddress?: string;
  activationCode?: string;
  iccid?: string;
  /** The supplier's own QR image (data: URI) when it sends one, shown beside ours. */
  qrImage?: string;
  cards?: Array<{ number?: string; pin?: string; serial?: string; expiry?: string }>;
  /** Anything else delivered as text (top-up receipts, manual fulfilment notes). */
  text?: string;
  /** Every eSIM of an order for several, each structured; the single-eSIM fields above repeat the first. */
  esims?: Array<{ iccid?: string; lpa?: string; smdpAddress?: string; activationCode?: string }>;
}

/**
 * Why an order needs the merchant's eyes, as a code and its parameters: the renderer (and the CLI) word it in the
 * merchant's language, so nothing here is a sentence.
 *
 * - `price_above_quote`: the supplier's live price is above the confirmed quote; the order was not sent at it
 *   (or, on a re-send whose first try may have arrived, not sent again).
 * - `price_currency_changed`: the supplier now prices the offer in another currency than the quote.
 * - `charged_differs`: the supplier says it charged another amount than the quote.
 * - `unknown_supplier_status`: the supplier answered with an order status we cannot read.
 * - `no_answer`: the order was sent `tries` times and never answered; it is not sent again.
 * - `order_vanished`: the supplier confirmed the order once and now says it has none.
 * - `connection_changed`: the connection now points at another host or account than the order was placed through.
 * - `outcome_unclear`: the supplier's answer to the order left its outcome unclear (its own code in `code`).
 */
export const ATTENTION_CODES = [
  'price_above_quote',
  'price_currency_changed',
  'charged_differs',
  'unknown_supplier_status',
  'no_answer',
  'order_vanished',
  'connection_changed',
  'outcome_unclear',
] as const;
export type AttentionCode = (typeof ATTENTION_CODES)[number];

export interface AttentionReason {
  code: AttentionCode;
  /** Values the wording fills in (amounts already formatted with their currency, keys, status words). */
  params: Record<string, string>;
}

/**
 * The supplier's statuses, plus `attention`: only the merchant can tell what happened, because the supplier
 * confirmed the order once and now says it has none, or answered in a way that leaves the outcome unclear. It is
 * never re-sent automatically (that could charge twice); the merchant checks the supplier's own order list, and
 * can still complete it by hand or cancel it.
 */
export type OrderRecordStatus = OrderStatus | 'attention';

export const ORDER_RECORD_STATUSES: readonly OrderRecordStatus[] = [
  'pending',
  'processing',
  'delivered',
  'failed',
  'canceled',
  'refunded',
  'partially_refunded',
  'attention',
];

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
  /** Whether any request for it ever left the app (a refusal of ours before sending leaves this false). */
  sent: boolean;
  /** Why it needs the merchant's check, worded by the renderer (`attention.reason.<code>`). */
  attention: AttentionReason | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
  timeline: TimelineEntry[];
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

import { appleSetupLink, parseLpa } from '../../src-main/domain/lpa';
import { compareAmounts, type Money } from '../../src-main/domain/money';
import type { OrderRecordStatus, OrderView, TimelineEntry, Delivery } from '../../src-shared/order-types';
import { decodeCodedIssue, wordCodedText } from '../../src-shared/coded-issue';

/** Pure helpers behind the Test orders screens; no React, no API, so each is unit-tested on its own. */

export type StatusTone = 'neutral' | 'ok' | 'bad' | 'warn' | 'muted';

export const STATUS_TONE: Record<OrderRecordStatus, StatusTone> = {
  pending: 'neutral',
  processing: 'neutral',
  delivered: 'ok',
  failed: 'bad',
  canceled: 'muted',
  attention: 'warn',
  refunded: 'muted',
  partially_refunded: 'warn',
};

/** Still moving on its own: main keeps asking the supplier until it is not. */
export function isInFlight(status: OrderRecordStatus): boolean {
  return status === 'pending' || status === 'processing';
}

/** Events and the answer to `orders.place` race over two channels: only ever replace an order with a fresher copy. */
export function isAtLeastAsFresh(incoming: OrderView, current: OrderView): boolean {
  // A timeline note changes nothing else, not even updatedAt: its length is the tie-break.
  if (incoming.updatedAt !== current.updatedAt) return incoming.updatedAt > current.updatedAt;
  return incoming.timeline.length >= current.timeline.length;
}

/** The list with `incoming` in it (replacing a staler copy), newest order first. */
export function upsertOrder(orders: readonly OrderView[], incoming: OrderView): OrderView[] {
  const index = orders.findIndex((order) => order.id === incoming.id);
  if (index === -1) return [...orders, incoming].sort((a, b) => b.id - a.id);
  if (!isAtLeastAsFresh(incoming, orders[index])) return orders as OrderView[];
  const next = orders.slice();
  next[index] = incoming;
  return next;
}

/** Masked deliveries compare equal exactly when nothing new was delivered: a reveal made before stays valid. */
export function sameDelivery(a: Delivery | null, b: Delivery | null): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The order as shown: its latest state, with the unmasked delivery while the merchant has it revealed. */
export function withRevealed(order: OrderView, revealed: Delivery | null | undefined): OrderView {
  return revealed === undefined ? order : { ...order, delivery: revealed, revealed: true };
}

const MASK = '•';

export function isMasked(value: string | undefined): boolean {
  return value !== undefined && value.includes(MASK);
}

export type DeliveryShape = 'esim' | 'cards' | 'text' | 'none';

export function deliveryShape(delivery: Delivery | null): DeliveryShape {
  if (!delivery) return 'none';
  // BillionConnect's query hands over the ICCID before its push brings the code: already an eSIM to show.
  if (delivery.lpa || delivery.activationCode || delivery.smdpAddress || delivery.qrImage || delivery.iccid)
    return 'esim';
  if (delivery.cards?.length) return 'cards';
  if (delivery.text) return 'text';
  return 'none';
}

export interface EsimDetails {
  lpa: string | null;
  smdpAddress: string | null;
  activationCode: string | null;
  iccid: string | null;
  /** Only for a usable (unmasked, well-formed) code: a link built on a masked one would install nothing. */
  appleLink: string | null;
  /** Our QR needs the real code: false while it is masked or missing. */
  qrAvailable: boolean;
}

export function esimDetails(delivery: Delivery | null): EsimDetails {
  const lpa = delivery?.lpa ?? null;
  const parsed = lpa && !isMasked(lpa) ? parseLpa(lpa) : null;
  const usable = parsed?.ok === true;
  return {
    lpa,
    // A supplier may send the LPA alone; its parts are then read from it.
    smdpAddress: delivery?.smdpAddress ?? (usable ? parsed.value.smdpAddress : null),
    activationCode: delivery?.activationCode ?? (usable ? parsed.value.activationCode : null),
    iccid: delivery?.iccid ?? null,
    appleLink: usable ? appleSetupLink(parsed.value.lpa) : null,
    qrAvailable: usable,
  };
}

export type StepState = 'done' | 'current' | 'todo' | 'failed' | 'warn';

export interface ProgressStep {
  /** What the step means: recorded, sent to the supplier, and the outcome (a status once the order has one). */
  key: 'recorded' | 'sent' | OrderRecordStatus;
  state: StepState;
  /** When the order first reached this step, from its timeline. */
  at: string | null;
}

const OUTCOME_STATE: Partial<Record<OrderRecordStatus, StepState>> = {
  delivered: 'done',
  failed: 'failed',
  canceled: 'failed',
  attention: 'warn',
  refunded: 'failed',
  partially_refunded: 'warn',
};

/**
 * Three steps for a progress bar: recorded (pending), sent to the supplier (processing or beyond), and the
 * outcome. An order can skip "processing" (a supplier that delivers in its first answer); it still counts as sent.
 */
export function progressSteps(order: Pick<OrderView, 'status' | 'timeline' | 'createdAt' | 'sent'>): ProgressStep[] {
  const firstAt = (test: (entry: TimelineEntry) => boolean) => order.timeline.find(test)?.at ?? null;
  const sentAt = firstAt((entry) => entry.status !== 'pending');
  const outcome = isInFlight(order.status) ? null : order.status;
  const recorded: ProgressStep = {
    key: 'recorded',
    state: order.status === 'pending' ? 'current' : 'done',
    at: firstAt(() => true) ?? order.createdAt,
  };
  // Canceled, or refused by our own check, before it was sent: the middle step never happened.
  const neverSent = !order.sent && order.status !== 'processing';
  const sent: ProgressStep = {
    key: 'sent',
    state:
      order.status === 'pending' ? 'todo' : order.status === 'processing' ? 'current' : neverSent ? 'todo' : 'done',
    at: neverSent ? null : sentAt,
  };
  const last: ProgressStep = outcome
    ? { key: outcome, state: OUTCOME_STATE[outcome] ?? 'done', at: firstAt((entry) => entry.status === outcome) }
    : { key: 'delivered', state: 'todo', at: null };
  return [recorded, sent, last];
}

/**
 * The QR's on-screen size in CSS pixels: an exact multiple of the PNG, so every module stays a whole number of
 * pixels (a fractional scale blurs edges a phone camera must find), and at least `minimum` to scan off a screen.
 */
export function qrDisplaySize(naturalWidth: number, minimum = 240): number {
  if (naturalWidth <= 0) return minimum;
  return naturalWidth * Math.max(1, Math.ceil(minimum / naturalWidth));
}

export function qrFileName(order: Pick<OrderView, 'id' | 'supplier'>): string {
  return `esim-order-${order.id}-${order.supplier.replace(/[^A-Za-z0-9-]+/g, '-')}.png`;
}

/** What the list shows as the order's amount: what the supplier charged once it says, else what was expected. */
export function shownAmount(order: Pick<OrderView, 'amount' | 'expectedCost'>): Money {
  return order.amount ?? order.expectedCost;
}

/** True when the supplier's balance, read live, is known to be short of the cost (same currency only). */
export function balanceShort(balance: Money | null, cost: Money): boolean {
  return balance !== null && balance.currency === cost.currency && compareAmounts(balance.amount, cost.amount) < 0;
}

/** The attention reason's dictionary key and its parameters, the supplier's name filled in; null when main gave no code. */
export function attentionWording(
  order: Pick<OrderView, 'attention'>,
  supplierName: string,
): { key: string; params: Record<string, string> } | null {
  if (!order.attention) return null;
  return {
    key: `attention.reason.${order.attention.code}`,
    params: { ...order.attention.params, supplier: supplierName },
  };
}

/**
 * A delivery's text in the reader's language: our notes among it (`@deliveryNote.…`, one a line) worded, every other
 * line (what the supplier delivered) exactly as it came.
 */
export function wordDeliveryText(
  text: string,
  translate: (key: string, params: Record<string, string>) => string,
  supplierName: string,
): string {
  return text
    .split('\n')
    .map((line) =>
      decodeCodedIssue(line)?.code.startsWith('deliveryNote.') ? wordOrderText(line, translate, supplierName) : line,
    )
    .join('\n');
}

/**
 * An order's text from main (a timeline note, its error, a status main words itself) in the reader's language:
 * each coded part through `translate` with the supplier's name filled in, a status code's number after it; the
 * supplier's own words as they came. `translate` is the orders dictionary's (`t`, or the English one in the CLI).
 */
export function wordOrderText(
  text: string | null | undefined,
  translate: (key: string, params: Record<string, string>) => string,
  supplierName: string,
): string {
  if (!text) return '';
  // The protocols' own status words ("completed", "pending_payment") read in the merchant's language too.
  const key = `supplierWord.${text.trim().toLowerCase()}`;
  const word = translate(key, {});
  if (word !== key) return word;
  return wordCodedText(text, (code, params) => {
    const worded = translate(code, { ...params, supplier: supplierName || params.supplier });
    return code.startsWith('upstream.') && params.code
      ? translate('upstream.withCode', { status: worded, code: params.code })
      : worded;
  });
}

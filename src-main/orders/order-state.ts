import { parseLpa } from '../domain/lpa';
import { sameMoney } from '../domain/money';
import {
  type Delivery,
  isOpen,
  type OrderRecordStatus,
  type OrderView,
  type TimelineEntry,
} from '../../src-shared/order-types';
import type { OrderState } from '../suppliers/adapter';
import { maskDelivery } from './delivery-mask';
import type { OrderRecord } from './types';
import { orderText } from '../../src-shared/order-notes';

// Statuses only move forward: a late poll answer or a repeated push must never undo a delivery. A refund is the one
// news that still moves a finished order (a delivered order can be refunded later, a partial refund become a full one).
const RANK: Record<OrderRecordStatus, number> = {
  pending: 0,
  processing: 1,
  attention: 1,
  delivered: 2,
  failed: 2,
  canceled: 2,
  partially_refunded: 3,
  refunded: 4,
};
const REFUNDS: readonly OrderRecordStatus[] = ['partially_refunded', 'refunded'];

export interface Applied {
  record: OrderRecord;
  /** Timeline entries to append; empty when the state told us nothing new (a repeated push, an unchanged poll). */
  entries: TimelineEntry[];
  changed: boolean;
}

/** What a supplier says about an order, or what we conclude ourselves (`attention`, a local cancel, a hand completion). */
export type RecordState = Omit<OrderState, 'status'> & { status: OrderRecordStatus };

export interface ApplyOptions {
  /** Why, in a word or two, for the timeline ("pushed by the supplier", "completed by hand"). */
  note?: string | null;
  /** The state came from the supplier itself (a placement, a query, a push): the order is known to exist there. */
  fromSupplier?: boolean;
}

/**
 * Folds what the supplier said about an order into our record. Pure. Idempotent: applying the same state twice
 * changes nothing the second time, which is what makes repeated pushes and overlapping polls harmless.
 * A state carrying an attention reason puts the order in `attention` whatever its status word, keeping the rest
 * (the delivery, the amount): the merchant sees both what arrived and why it needs a look.
 */
export function applyState(record: OrderRecord, state: RecordState, at: string, options: ApplyOptions = {}): Applied {
  const final = !isOpen(record.status) && record.status !== 'attention';
  const wanted: OrderRecordStatus = state.attention ? 'attention' : state.status;
  const moves = final
    ? REFUNDS.includes(wanted) && RANK[wanted] > RANK[record.status]
    : RANK[wanted] >= RANK[record.status];
  const status = moves ? wanted : record.status;
  const frozen = final && !moves;
  const next: OrderRecord = {
    ...record,
    status,
    upstreamOrderId: state.upstreamOrderId ?? record.upstreamOrderId,
    upstreamStatus: frozen ? record.upstreamStatus : state.upstreamStatus || record.upstreamStatus,
    amount: state.amount ?? record.amount,
    refundedAmount: state.refundedAmount ?? record.refundedAmount,
    // News that cannot move a finished order (a poll answered before a push landed) only fills what its delivery
    // lacks: BillionConnect's "shipped" would otherwise put its list of ICCIDs over the PINs and PUKs N009 delivered.
    delivery: frozen ? fillDelivery(record.delivery, state.delivery) : mergeDelivery(record.delivery, state.delivery),
    // A new status without a reason clears the old one (an order found again is no longer "missing").
    error: frozen ? record.error : (state.error ?? (status === record.status ? record.error : null)),
    attention: status !== 'attention' ? null : (moves && state.attention) || record.attention,
    acknowledgedAt: record.acknowledgedAt ?? (options.fromSupplier ? at : null),
    finishedAt: record.finishedAt ?? (isOpen(status) || status === 'attention' ? null : at),
  };
  const statusMoved = next.status !== record.status || next.upstreamStatus !== record.upstreamStatus;
  const deliveryMoved = JSON.stringify(next.delivery) !== JSON.stringify(record.delivery);
  const attentionMoved = JSON.stringify(next.attention) !== JSON.stringify(record.attention);
  const changed =
    statusMoved ||
    deliveryMoved ||
    attentionMoved ||
    next.upstreamOrderId !== record.upstreamOrderId ||
    !sameMoney(next.amount, record.amount) ||
    !sameMoney(next.refundedAmount, record.refundedAmount) ||
    next.error !== record.error ||
    next.acknowledgedAt !== record.acknowledgedAt ||
    next.finishedAt !== record.finishedAt;
  if (!changed) return { record, entries: [], changed: false };
  next.updatedAt = at;
  const note =
    [
      options.note,
      next.error !== record.error ? next.error : null,
      deliveryMoved && !statusMoved ? orderText('note.deliveryUpdated') : null,
    ]
      .filter(Boolean)
      .join('; ') || null;
  const entries =
    statusMoved || deliveryMoved || attentionMoved || note
      ? [{ at, status: next.status, upstreamStatus: next.upstreamStatus, note }]
      : [];
  return { record: next, entries, changed: true };
}

/** A note about the order (a timeout while following, a missing connection) that does not change its status. */
export function noteOn(
  record: OrderRecord,
  note: string,
  at: string,
  previous: TimelineEntry | undefined,
): TimelineEntry | null {
  // The same problem on every poll would bury the timeline: say it once until something else happens.
  if (previous && previous.note === note && previous.status === record.status) return null;
  return { at, status: record.status, upstreamStatus: record.upstreamStatus, note };
}

/**
 * Later news adds to a delivery and never erases it: BillionConnect's query gives the ICCID, its push the LPA.
 * An LPA always comes with its SM-DP+ address and activation code split out, whoever delivered it.
 */
export function mergeDelivery(current: Delivery | null, incoming: Delivery | null): Delivery | null {
  if (!incoming) return current;
  const merged: Delivery = { ...(current ?? {}) };
  for (const [key, value] of Object.entries(incoming) as Array<[keyof Delivery, Delivery[keyof Delivery]]>) {
    if (given(value)) (merged as Record<string, unknown>)[key] = value;
  }
  if (merged.lpa && (!merged.smdpAddress || !merged.activationCode)) {
    const parsed = parseLpa(merged.lpa);
    if (parsed.ok) {
      merged.smdpAddress ??= parsed.value.smdpAddress;
      merged.activationCode ??= parsed.value.activationCode;
    }
  }
  return Object.keys(merged).length > 0 ? merged : null;
}

/** What `incoming` adds to `current` where `current` has nothing, replacing none of it. */
export function fillDelivery(current: Delivery | null, incoming: Delivery | null): Delivery | null {
  if (!current || !incoming) return mergeDelivery(current, incoming);
  const missing = Object.fromEntries(
    Object.entries(incoming).filter(([key]) => !given(current[key as keyof Delivery])),
  ) as Delivery;
  return mergeDelivery(current, missing);
}

function given(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0);
}

export function viewOf(record: OrderRecord, timeline: TimelineEntry[], reveal: boolean): OrderView {
  return {
    id: record.id,
    idempotencyKey: record.idempotencyKey,
    supplier: record.supplierId,
    supplierKind: record.supplierKind,
    offer: { supplier: record.supplierId, productId: record.productId, skuId: record.skuId, variant: record.variant },
    title: record.title,
    kind: record.offerKind,
    quantity: record.quantity,
    expectedCost: record.expectedCost,
    expectedInMerchantCurrency: record.capAmount,
    status: record.status,
    upstreamOrderId: record.upstreamOrderId,
    upstreamStatus: record.upstreamStatus,
    amount: record.amount,
    refundedAmount: record.refundedAmount,
    delivery: reveal ? record.delivery : maskDelivery(record.delivery),
    revealed: reveal,
    error: record.error,
    sent: record.sendAttempts > 0,
    attention: record.status === 'attention' ? record.attention : null,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    finishedAt: record.finishedAt,
    timeline,
  };
}

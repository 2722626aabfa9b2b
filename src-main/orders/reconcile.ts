import type { OrderRecord } from './types';

/**
 * How an open order is brought up to date, on every poll and after a restart alike. The record is written (with
 * its idempotency key) before anything is sent, `sendAttempts` is counted up and committed just before each
 * send, and `acknowledgedAt` is set the first time the supplier answers about the order. From those two facts:
 *
 * - `send`: nothing was ever sent (a crash between writing the record and sending). The supplier cannot have
 *   the order, so it is sent now: the merchant confirmed it, and the daily cap counted it when it was written.
 * - `query-then-send`: something was sent, but the supplier never answered (timeout, crash, lost response), so
 *   it may or may not have the order. Wait `resendAfterMs` from the last send, ask about the key; if the supplier
 *   has nothing, send the SAME request with the SAME key again. After `maxSendAttempts` unanswered sends the order
 *   goes to `attention` instead: a supplier that never answers is not sent the order forever. That is safe exactly because every supported supplier refuses to create a second order
 *   for a key it has seen (downstream_order_no, mch_order_id, channelOrderId): if the first request did arrive,
 *   the repeat is answered with the existing order and nothing is charged. Suppliers that cannot look an order
 *   up by our key (Dujiao-Next, MeSIM: only by their own id) answer "nothing" here, so the re-send is also how
 *   the existing order is found.
 * - `query`: the supplier has answered about this order before, so it certainly exists there. It is only ever
 *   asked about, never re-sent. If the supplier now says it has no such order, the record goes to `attention`
 *   instead of trying again: a re-send under those circumstances is the one way to be charged twice.
 *
 * Adapters return a refusal (out of stock, balance, payment failed) as a `failed` state: the order ends there,
 * uncharged. They throw only when the outcome is unknown. A retryable error (timeout, 5xx, an unreadable answer)
 * changes nothing but the timeline, and the next round decides again from the same facts; an error that says
 * retrying cannot help (the supplier claims the key is taken but shows no order) sends the order to `attention`.
 */
export type ReconcileStep = 'send' | 'query-then-send' | 'query';

export function nextStep(record: Pick<OrderRecord, 'sendAttempts' | 'acknowledgedAt'>): ReconcileStep {
  if (record.sendAttempts === 0) return 'send';
  if (!record.acknowledgedAt) return 'query-then-send';
  return 'query';
}

export interface FollowPolicy {
  /** Wait before the first status check after a round; doubles each round up to `maxDelayMs`. */
  initialDelayMs: number;
  maxDelayMs: number;
  /**
   * Poll an order at the pace above for this long; from then on every `slowPollMs`, as long as it stays open, or (null)
   * not at all until it is reconciled again on the next start.
   */
  followForMs: number;
  /**
   * Between polls once `followForMs` has passed, in a process that stays up (the app, the background service): an
   * order fulfilled by hand upstream can take hours. Null in one that ends once its orders settle (the CLI).
   */
  slowPollMs: number | null;
  /**
   * After a send went unanswered, wait this long (from when it ended: timed out, or failed) before sending the same key
   * again. A supplier whose de-duplication is check-then-insert (Dujiao-Next) can create a second order for a repeat
   * that arrives while the first is still being processed; tens of seconds let the first one land.
   */
  resendAfterMs: number;
  /** Sends (the first included) that may go unanswered before the order goes to `attention` and is never sent again. */
  maxSendAttempts: number;
  /**
   * How long a send holds the order against other processes (migration 024), renewed every third of it while the send
   * lasts: a process that dies mid-send lets the others go on after this.
   */
  sendLeaseMs: number;
}

/** 1 s, 2 s, 4 s … 60 s: quick for suppliers that deliver at once, gentle for the ones that take minutes. */
export const DEFAULT_FOLLOW_POLICY: FollowPolicy = {
  initialDelayMs: 1000,
  maxDelayMs: 60_000,
  followForMs: 30 * 60_000,
  slowPollMs: null,
  resendAfterMs: 30_000,
  maxSendAttempts: 3,
  sendLeaseMs: 60_000,
};

/** Dujiao-Next's own downstream asks about an unfinished order every 30 minutes, for as long as it takes. */
export const SLOW_POLL_MS = 30 * 60_000;

/**
 * How long to wait before re-sending an unanswered order, 0 when it may go now: `resendAfterMs` after the last send
 * ended, or after the hold of a send another process is still making lapses. `holdCounts` false: that process is gone.
 */
export function resendWait(
  policy: FollowPolicy,
  record: Pick<OrderRecord, 'lastSentAt' | 'sendingUntil'>,
  now: number,
  holdCounts = true,
): number {
  const since = Math.max(
    record.lastSentAt ? Date.parse(record.lastSentAt) : 0,
    holdCounts && record.sendingUntil ? Date.parse(record.sendingUntil) : 0,
  );
  return since === 0 ? 0 : Math.max(0, since + policy.resendAfterMs - now);
}

/** Delay before poll number `round` (0, 1, 2 …). */
export function pollDelay(policy: FollowPolicy, round: number): number {
  return Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.min(round, 30));
}

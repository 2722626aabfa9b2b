import type { RunOwner } from '../db/run-owners';
import type { Database } from 'better-sqlite3';
import { readState, writeState } from '../db/app-state';
import { parseTitles } from '../db/offer-lookups';
import type { Money } from '../domain/money';
import type { Fulfillment, LocalizedText, OfferKind, Stock, StockStatus } from '../domain/offer';
import type { QuantityTier } from '../domain/quantity-tiers';
import type { SecretBox } from '../secrets/secret-box';
import { isAttentionReason } from '../suppliers/shared/order-attention';
import { readDeliveryColumn, sealedDeliveryColumn, type StoredDelivery } from './delivery-vault';
import type { DaySpendRow, OrderRecord } from './types';
import type { OrderRecordStatus, TimelineEntry } from '../../src-shared/order-types';

interface OrderRow {
  id: number;
  idempotency_key: string;
  supplier_id: string;
  supplier_kind: string;
  product_id: string;
  sku_id: string;
  variant: string;
  offer_kind: string;
  title: string;
  quantity: number;
  expected_amount: string;
  expected_currency: string;
  cap_amount: string | null;
  cap_currency: string | null;
  cap_day: string;
  email: string | null;
  buyer_input_json: string | null;
  status: string;
  upstream_order_id: string | null;
  upstream_status: string | null;
  charged_amount: string | null;
  charged_currency: string | null;
  delivery_json: string | null;
  error: string | null;
  send_attempts: number;
  last_sent_at: string | null;
  sending_until: string | null;
  sending_owner_json: string | null;
  acknowledged_at: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
  connection_fingerprint: string | null;
  refunded_amount: string | null;
  refunded_currency: string | null;
  attention_json: string | null;
}

const moneyOf = (amount: string | null, currency: string | null): Money | null =>
  amount !== null && currency !== null ? { amount, currency } : null;

function fromRow(row: OrderRow): OrderRecord {
  const delivery = readDeliveryColumn(row.delivery_json);
  return {
    id: row.id,
    idempotencyKey: row.idempotency_key,
    supplierId: row.supplier_id,
    supplierKind: row.supplier_kind,
    connectionFingerprint: row.connection_fingerprint,
    productId: row.product_id,
    skuId: row.sku_id,
    variant: row.variant,
    offerKind: row.offer_kind as OfferKind,
    title: row.title,
    quantity: row.quantity,
    expectedCost: { amount: row.expected_amount, currency: row.expected_currency },
    capAmount: moneyOf(row.cap_amount, row.cap_currency),
    capDay: row.cap_day,
    email: row.email,
    buyerInput: row.buyer_input_json ? JSON.parse(row.buyer_input_json) : null,
    status: row.status as OrderRecordStatus,
    upstreamOrderId: row.upstream_order_id,
    upstreamStatus: row.upstream_status,
    amount: moneyOf(row.charged_amount, row.charged_currency),
    refundedAmount: moneyOf(row.refunded_amount, row.refunded_currency),
    delivery: delivery.masked,
    storedDelivery: delivery.stored,
    error: row.error,
    attention: attentionOf(row.attention_json),
    sendAttempts: row.send_attempts,
    lastSentAt: row.last_sent_at,
    sendingUntil: row.sending_until,
    sendingOwner: row.sending_owner_json ? (JSON.parse(row.sending_owner_json) as RunOwner) : null,
    acknowledgedAt: row.acknowledged_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
  };
}

/** A reason written by a newer version (a code this one does not know) reads as none: the error text still says it. */
function attentionOf(json: string | null): OrderRecord['attention'] {
  if (!json) return null;
  try {
    const parsed: unknown = JSON.parse(json);
    return isAttentionReason(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

export type NewOrder = Omit<
  OrderRecord,
  | 'id'
  | 'status'
  | 'upstreamOrderId'
  | 'upstreamStatus'
  | 'amount'
  | 'refundedAmount'
  | 'delivery'
  | 'storedDelivery'
  | 'error'
  | 'attention'
  | 'sendAttempts'
  | 'lastSentAt'
  | 'sendingUntil'
  | 'sendingOwner'
  | 'acknowledgedAt'
  | 'updatedAt'
  | 'finishedAt'
>;

/** Writes a new order, not yet sent, with the first line of its timeline. */
export function insertOrder(db: Database, order: NewOrder, note: string): OrderRecord {
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO orders (idempotency_key, supplier_id, supplier_kind, connection_fingerprint, product_id, sku_id, variant, offer_kind, title,
      quantity, expected_amount, expected_currency, cap_amount, cap_currency, cap_day, email, buyer_input_json, status, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)`,
    )
    .run(
      order.idempotencyKey,
      order.supplierId,
      order.supplierKind,
      order.connectionFingerprint,
      order.productId,
      order.skuId,
      order.variant,
      order.offerKind,
      order.title,
      order.quantity,
      order.expectedCost.amount,
      order.expectedCost.currency,
      order.capAmount?.amount ?? null,
      order.capAmount?.currency ?? null,
      order.capDay,
      order.email,
      order.buyerInput ? JSON.stringify(order.buyerInput) : null,
      order.createdAt,
      order.createdAt,
    );
  const id = Number(lastInsertRowid);
  appendEntries(db, id, [{ at: order.createdAt, status: 'pending', upstreamStatus: null, note }]);
  return getOrder(db, id)!;
}

export function getOrder(db: Database, id: number): OrderRecord | null {
  const row = db.prepare('SELECT * FROM orders WHERE id = ?').get(id) as OrderRow | undefined;
  return row ? fromRow(row) : null;
}

export function findOrderByKey(db: Database, supplierId: string, idempotencyKey: string): OrderRecord | null {
  const row = db
    .prepare('SELECT * FROM orders WHERE supplier_id = ? AND idempotency_key = ?')
    .get(supplierId, idempotencyKey) as OrderRow | undefined;
  return row ? fromRow(row) : null;
}

/** Newest first. */
export function listOrders(db: Database, limit = 500): OrderRecord[] {
  return (db.prepare('SELECT * FROM orders ORDER BY id DESC LIMIT ?').all(limit) as OrderRow[]).map(fromRow);
}

/** Whether any order was ever placed under this connection id (orders keep their connection's id for good). */
export function hasOrdersUnder(db: Database, supplierId: string): boolean {
  return db.prepare('SELECT 1 FROM orders WHERE supplier_id = ? LIMIT 1').get(supplierId) !== undefined;
}

export function listOpenOrders(db: Database): OrderRecord[] {
  return (
    db.prepare("SELECT * FROM orders WHERE status IN ('pending', 'processing') ORDER BY id").all() as OrderRow[]
  ).map(fromRow);
}

/**
 * The suppliers with an order whose delivery may still be pushed: open, or in attention (a status word we could not
 * read, an unclear answer: the supplier may have the order, and its push is then the only copy of the eSIM).
 */
export function suppliersAwaitingPushes(db: Database): string[] {
  return (
    db
      .prepare(
        "SELECT DISTINCT supplier_id FROM orders WHERE status IN ('pending', 'processing', 'attention') ORDER BY 1",
      )
      .all() as Array<{ supplier_id: string }>
  ).map((row) => row.supplier_id);
}

/** Orders of one offer still open or in attention, newest first. */
export function listUnsettledOrders(
  db: Database,
  offer: { supplier: string; productId: string; skuId: string; variant: string },
): OrderRecord[] {
  return (
    db
      .prepare(
        `SELECT * FROM orders WHERE supplier_id = ? AND product_id = ? AND sku_id = ? AND variant = ?
      AND status IN ('pending', 'processing', 'attention') ORDER BY id DESC`,
      )
      .all(offer.supplier, offer.productId, offer.skuId, offer.variant) as OrderRow[]
  ).map(fromRow);
}

/**
 * Committed before the request leaves: from here on, the order may exist at the supplier. Claims the order for this
 * process's send until `until` (renewed by renewSend while it lasts); null, with nothing written, when another process
 * holds it, or the order moved since the caller read it (`seenAttempts` sends then; another process sent it or heard
 * back meanwhile). `holdOfTheDead`: the `sending_until` of a hold the caller found its process gone for, taken over
 * only as it was seen. One statement, so two processes can never both claim it.
 */
export function recordSendAttempt(
  db: Database,
  id: number,
  claim: { at: string; until: string; owner: RunOwner; holdOfTheDead: string | null; seenAttempts: number },
): OrderRecord | null {
  const { at, until, owner, holdOfTheDead, seenAttempts } = claim;
  const claimed = db
    .prepare(
      `UPDATE orders SET send_attempts = send_attempts + 1, last_sent_at = ?, sending_until = ?, sending_owner_json = ?,
        updated_at = ?
      WHERE id = ? AND (sending_until IS NULL OR sending_until <= ? OR sending_until IS ?)
        AND send_attempts = ? AND acknowledged_at IS NULL AND status IN ('pending', 'processing')`,
    )
    .run(at, until, JSON.stringify(owner), at, id, at, holdOfTheDead, seenAttempts).changes;
  return claimed ? getOrder(db, id) : null;
}

/** The send goes on: `owner` holds the order until `until`, unless its hold lapsed and another took it over. */
export function renewSend(db: Database, id: number, until: string, owner: RunOwner): void {
  db.prepare('UPDATE orders SET sending_until = ? WHERE id = ? AND sending_owner_json = ?').run(
    until,
    id,
    JSON.stringify(owner),
  );
}

/**
 * `owner`'s send ended. `unanswered`: without an answer (timed out, or failed on its way), so `last_sent_at` moves to
 * `at`, from which the wait before sending the key again counts (reconcile.ts resendWait): the supplier may still be
 * working on it.
 */
export function recordSendEnded(db: Database, id: number, at: string, owner: RunOwner, unanswered: boolean): void {
  if (unanswered) db.prepare('UPDATE orders SET last_sent_at = ?, updated_at = ? WHERE id = ?').run(at, at, id);
  // Released only if still `owner`'s: a hold that lapsed may be another process's by now.
  db.prepare(
    'UPDATE orders SET sending_until = NULL, sending_owner_json = NULL WHERE id = ? AND sending_owner_json = ?',
  ).run(id, JSON.stringify(owner));
}

/**
 * `owner`'s send stopped before anything was sent (NotSentError): the attempt it counted is taken back and the last
 * send is again the one before it (`lastSentAt`), from which the wait before a repeat counts. Only while `owner` holds
 * the order: a hold that lapsed may have let another process send meanwhile.
 */
export function recordSendNotMade(
  db: Database,
  id: number,
  owner: RunOwner,
  previous: { lastSentAt: string | null },
): void {
  const at = new Date().toISOString();
  db.prepare(
    `UPDATE orders SET send_attempts = send_attempts - 1, last_sent_at = ?, sending_until = NULL,
      sending_owner_json = NULL, updated_at = ?
    WHERE id = ? AND sending_owner_json = ? AND send_attempts > 0`,
  ).run(previous.lastSentAt, at, id, JSON.stringify(owner));
}

/**
 * Stores the record's changing fields and its new timeline entries in one transaction. `deliveryColumn` is the
 * delivery as stored (delivery-vault.ts: sealed, with its masked copy); `record.delivery` is not written.
 */
export function saveOrder(
  db: Database,
  record: OrderRecord,
  entries: TimelineEntry[],
  deliveryColumn: string | null,
): void {
  db.transaction(() => {
    db.prepare(
      `UPDATE orders SET status = ?, upstream_order_id = ?, upstream_status = ?, charged_amount = ?, charged_currency = ?, delivery_json = ?,
        error = ?, acknowledged_at = ?, updated_at = ?, finished_at = ?, refunded_amount = ?, refunded_currency = ?, attention_json = ? WHERE id = ?`,
    ).run(
      record.status,
      record.upstreamOrderId,
      record.upstreamStatus,
      record.amount?.amount ?? null,
      record.amount?.currency ?? null,
      deliveryColumn,
      record.error,
      record.acknowledgedAt,
      record.updatedAt,
      record.finishedAt,
      record.refundedAmount?.amount ?? null,
      record.refundedAmount?.currency ?? null,
      record.attention ? JSON.stringify(record.attention) : null,
      record.id,
    );
    appendEntries(db, record.id, entries);
  })();
}

/**
 * Seals every delivery still stored in clear (written before deliveries were sealed), once, under `box`. Runs with
 * secure_delete on, so the clear text does not linger in the freed pages of the database file.
 */
export function sealClearDeliveries(db: Database, box: SecretBox): number {
  const rows = db
    .prepare(
      'SELECT id, delivery_json FROM orders WHERE delivery_json IS NOT NULL AND delivery_json NOT LIKE \'{"sealed":%\'',
    )
    .all() as Array<{ id: number; delivery_json: string }>;
  const clear = rows
    .map((row) => ({ id: row.id, stored: readDeliveryColumn(row.delivery_json).stored }))
    .filter((row) => row.stored?.kind === 'clear');
  if (clear.length === 0) return 0;
  const secureDelete = db.pragma('secure_delete', { simple: true }) as number;
  db.pragma('secure_delete = ON');
  try {
    const update = db.prepare('UPDATE orders SET delivery_json = ? WHERE id = ? AND delivery_json = ?');
    db.transaction(() => {
      for (const row of clear) {
        const delivery = (row.stored as Extract<StoredDelivery, { kind: 'clear' }>).delivery;
        update.run(sealedDeliveryColumn(box, delivery), row.id, rows.find((r) => r.id === row.id)!.delivery_json);
      }
    }).immediate();
  } finally {
    db.pragma(`secure_delete = ${secureDelete ? 'ON' : 'OFF'}`);
  }
  return clear.length;
}

export function appendEntries(db: Database, orderId: number, entries: TimelineEntry[]): void {
  const insert = db.prepare(
    'INSERT INTO order_events (order_id, at, status, upstream_status, note) VALUES (?, ?, ?, ?, ?)',
  );
  for (const entry of entries) insert.run(orderId, entry.at, entry.status, entry.upstreamStatus, entry.note);
}

export function orderTimeline(db: Database, orderId: number): TimelineEntry[] {
  return db
    .prepare(
      'SELECT at, status, upstream_status AS upstreamStatus, note FROM order_events WHERE order_id = ? ORDER BY id',
    )
    .all(orderId) as TimelineEntry[];
}

/**
 * The day's orders that may have cost money: every order except those that ended without a charge (refused,
 * payment failed, canceled) or were refunded in full. Amounts in each order's own currency; spending-cap.ts counts them.
 */
export function spendOnDay(db: Database, day: string): DaySpendRow[] {
  const rows = db
    .prepare(
      `SELECT status, expected_amount, expected_currency, charged_amount, charged_currency, refunded_amount, refunded_currency FROM orders
    WHERE cap_day = ? AND status NOT IN ('failed', 'canceled', 'refunded')`,
    )
    .all(day) as Array<{
    status: string;
    expected_amount: string;
    expected_currency: string;
    charged_amount: string | null;
    charged_currency: string | null;
    refunded_amount: string | null;
    refunded_currency: string | null;
  }>;
  return rows.map((row) => ({
    status: row.status as OrderRecordStatus,
    expected: { amount: row.expected_amount, currency: row.expected_currency },
    charged: moneyOf(row.charged_amount, row.charged_currency),
    refunded: moneyOf(row.refunded_amount, row.refunded_currency),
  }));
}

const CAP_KEY = 'settings.orderDailyCap';
/** Stored when the merchant turned the cap off: an absent value means the default applies. */
const CAP_OFF = 'off';

/**
 * The cap a database starts with, in the merchant's currency: on unless the merchant turns it off, because an
 * order flow that can be tricked into repeating (a hostile upstream, a bug) must have a ceiling nobody had to set.
 */
export const DEFAULT_DAILY_CAP = '200';

/** The daily spending cap on orders, in the merchant's currency; null when the merchant turned it off. */
export function readDailyCap(db: Database): string | null {
  const stored = readState(db, CAP_KEY);
  if (stored === null) return DEFAULT_DAILY_CAP;
  return stored === CAP_OFF ? null : stored;
}

/** Null turns the cap off (it stays off: the default does not come back). */
export function writeDailyCap(db: Database, cap: string | null): void {
  writeState(db, CAP_KEY, cap ?? CAP_OFF);
}

/** What ordering needs to know of a catalog offer. */
export interface OrderableOffer {
  supplierId: string;
  productId: string;
  skuId: string;
  variant: string;
  kind: OfferKind;
  titles: LocalizedText;
  cost: Money;
  stock: Stock;
  minQuantity: number | null;
  maxQuantity: number | null;
  fulfillment: Fulfillment;
  orderable: boolean;
  quantityTiers?: QuantityTier[];
}

/** The live offers of one supplier with this SKU (and product and variant, when given), read without their raw payloads. */
export function findLiveOffers(
  db: Database,
  supplierId: string,
  match: { skuId: string; productId?: string; variant?: string },
): OrderableOffer[] {
  const rows = db
    .prepare(
      `SELECT product_id, sku_id, variant, kind, titles_json, cost_amount, cost_currency, stock_status, stock_quantity,
      min_quantity, max_quantity, fulfillment_json, orderable, tiers_json
    FROM offers WHERE removed_at IS NULL AND supplier_id = @supplierId AND sku_id = @skuId
      AND (@productId IS NULL OR product_id = @productId) AND (@variant IS NULL OR variant = @variant)
    ORDER BY product_id, variant`,
    )
    .all({
      supplierId,
      skuId: match.skuId,
      productId: match.productId ?? null,
      variant: match.variant ?? null,
    }) as Array<{
    product_id: string;
    sku_id: string;
    variant: string;
    kind: string;
    titles_json: string;
    cost_amount: string;
    cost_currency: string;
    stock_status: string;
    stock_quantity: number | null;
    min_quantity: number | null;
    max_quantity: number | null;
    fulfillment_json: string;
    orderable: number;
    tiers_json: string | null;
  }>;
  return rows.map((row) => ({
    supplierId,
    productId: row.product_id,
    skuId: row.sku_id,
    variant: row.variant,
    kind: row.kind as OfferKind,
    titles: parseTitles(row.titles_json),
    cost: { amount: row.cost_amount, currency: row.cost_currency },
    stock: { status: row.stock_status as StockStatus, quantity: row.stock_quantity },
    minQuantity: row.min_quantity,
    maxQuantity: row.max_quantity,
    fulfillment: JSON.parse(row.fulfillment_json),
    orderable: row.orderable === 1,
    ...(row.tiers_json ? { quantityTiers: JSON.parse(row.tiers_json) as QuantityTier[] } : {}),
  }));
}

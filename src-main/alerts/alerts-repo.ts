import type { Database } from 'better-sqlite3';
import Decimal from 'decimal.js';
import { listBalances } from '../db/balances-repo';
import { priceRisesOf } from '../db/changes-repo';
import type { GridOffer } from '../../src-shared/grid-types';
import type { ActiveCondition, AlertCondition, AlertFacts } from './evaluate';
import type { AlertSubject, AlertType, StoredAlert } from '../../src-shared/alert-types';

/** How many recent runs per supplier the failure streak looks at (the rule's `times` is at most 100). */
const RECENT_RUNS = 100;

/** The facts the rules look at. The grid must be current first (the caller refreshes it). */
export function readAlertFacts(db: Database): AlertFacts {
  const exportedPlans = (
    db
      .prepare(
        `SELECT p.plan_key AS planKey, p.title_en AS title, p.in_stock AS inStock, p.margin_pct_milli AS milli, p.offers_json AS offers
      FROM plan_rows p WHERE p.plan_key IN (SELECT plan_key FROM export_fingerprints)`,
      )
      .all() as Array<{ planKey: string; title: string; inStock: number; milli: number | null; offers: string }>
  ).map((row) => ({
    planKey: row.planKey,
    title: row.title,
    inStock: row.inStock === 1,
    marginPercent: row.milli === null ? null : milliToDecimal(row.milli),
    cheapest: cheapestMember(JSON.parse(row.offers) as GridOffer[]),
  }));

  const latest = db
    .prepare(
      `SELECT supplier_id AS supplierId, MAX(id) AS runId FROM sync_runs WHERE status = 'ok' GROUP BY supplier_id`,
    )
    .all() as Array<{ supplierId: string; runId: number }>;
  const latestRuns = latest.map(({ supplierId, runId }) => ({
    supplierId,
    runId,
    rises: priceRisesOf(db, runId).flatMap(({ productId, skuId, variant, old, new: next, titles }) => {
      if (old.currency !== next.currency || !(Number(old.amount) > 0)) return [];
      return [
        {
          offerKey: `${productId}/${skuId}/${variant}`,
          title: titles.en ?? Object.values(titles)[0] ?? productId,
          old: old.amount,
          new: next.amount,
          currency: next.currency,
        },
      ];
    }),
  }));

  const suppliers = db.prepare('SELECT DISTINCT supplier_id AS supplierId FROM sync_runs').all() as Array<{
    supplierId: string;
  }>;
  const runsOf = db.prepare(
    `SELECT id, status FROM sync_runs WHERE supplier_id = ? AND status IN ('ok', 'failed', 'held', 'canceled') ORDER BY id DESC LIMIT ${RECENT_RUNS}`,
  );
  const recentRuns = suppliers
    .map(({ supplierId }) => ({ supplierId, runs: runsOf.all(supplierId) as Array<{ id: number; status: string }> }))
    // A canceled run says nothing about the supplier: it is skipped, not counted as a success.
    .map((entry) => ({ ...entry, runs: entry.runs.filter((run) => run.status !== 'canceled') }));

  const attentionOrders = (
    db
      .prepare(`SELECT id, supplier_id AS supplierId, title, attention_json FROM orders WHERE status = 'attention'`)
      .all() as Array<{ id: number; supplierId: string; title: string; attention_json: string | null }>
  ).map((row) => ({
    id: row.id,
    supplierId: row.supplierId,
    title: row.title,
    code: row.attention_json ? (JSON.parse(row.attention_json) as { code: string }).code : null,
  }));

  // Balances as last read: after each sync and whenever an order was quoted.
  const balances = listBalances(db).map(({ supplierId, amount, currency }) => ({ supplierId, amount, currency }));
  return { exportedPlans, latestRuns, recentRuns, attentionOrders, balances };
}

/** The member with the lowest cost in the merchant's currency, in stock or not: the supplier the plan is best bought from. */
function cheapestMember(offers: readonly GridOffer[]): { supplierId: string; inStock: boolean } | null {
  let best: GridOffer | null = null;
  for (const offer of offers) {
    if (offer.converted && (!best || new Decimal(offer.converted.amount).lessThan(best.converted!.amount)))
      best = offer;
  }
  return best ? { supplierId: best.supplier, inStock: best.stock.status !== 'out' } : null;
}

function milliToDecimal(milli: number): string {
  const sign = milli < 0 ? '-' : '';
  const abs = Math.abs(milli);
  return `${sign}${Math.trunc(abs / 1000)}.${String(abs % 1000).padStart(3, '0')}`;
}

export function activeConditions(db: Database): ActiveCondition[] {
  return (
    db
      .prepare('SELECT condition_key, rule_id, type, subject_kind, subject_id, params_json FROM alert_conditions')
      .all() as Array<Record<string, string>>
  ).map((row) => ({
    key: row.condition_key,
    ruleId: row.rule_id,
    type: row.type as AlertType,
    subject: { kind: row.subject_kind as AlertSubject['kind'], id: row.subject_id },
    params: JSON.parse(row.params_json),
  }));
}

/** Records what changed in one transaction: new alerts, conditions now active, cleared ones forgotten. */
export function recordAlerts(
  db: Database,
  now: string,
  raise: readonly AlertCondition[],
  activate: readonly AlertCondition[],
  cleared: readonly string[],
  external: (condition: AlertCondition) => boolean,
): Array<StoredAlert & { external: boolean }> {
  const insertAlert = db.prepare(
    `INSERT INTO alerts (created_at, rule_id, type, condition_key, subject_kind, subject_id, params_json, external) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const activateCondition = db.prepare(
    `INSERT OR REPLACE INTO alert_conditions (condition_key, rule_id, type, subject_kind, subject_id, params_json, since) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const clear = db.prepare('DELETE FROM alert_conditions WHERE condition_key = ?');
  return db.transaction(() => {
    for (const key of cleared) clear.run(key);
    for (const condition of activate)
      activateCondition.run(
        condition.key,
        condition.ruleId,
        condition.type,
        condition.subject.kind,
        condition.subject.id,
        JSON.stringify(condition.params),
        now,
      );
    return raise.map((condition) => {
      const goesOut = external(condition);
      const id = Number(
        insertAlert.run(
          now,
          condition.ruleId,
          condition.type,
          condition.key,
          condition.subject.kind,
          condition.subject.id,
          JSON.stringify(condition.params),
          goesOut ? 1 : 0,
        ).lastInsertRowid,
      );
      return {
        id,
        createdAt: now,
        ruleId: condition.ruleId,
        type: condition.type,
        subject: condition.subject,
        params: condition.params,
        deliveries: {},
        read: false,
        external: goesOut,
      };
    });
  })();
}

export function recordDeliveries(db: Database, id: number, deliveries: Record<string, string>): void {
  db.prepare('UPDATE alerts SET deliveries_json = ? WHERE id = ?').run(JSON.stringify(deliveries), id);
}

/** Alerts that went (or were to go) out to external channels since `since`: the hourly limit counts them. */
export function externalAlertsSince(db: Database, since: string): number {
  return (
    db.prepare('SELECT COUNT(*) AS n FROM alerts WHERE external = 1 AND created_at >= ?').get(since) as { n: number }
  ).n;
}

export function listAlerts(db: Database, limit = 100): StoredAlert[] {
  return (
    db
      .prepare('SELECT * FROM alerts ORDER BY id DESC LIMIT ?')
      .all(Math.min(Math.max(Math.trunc(limit) || 100, 1), 1000)) as Array<Record<string, string | number | null>>
  ).map((row) => ({
    id: Number(row.id),
    createdAt: String(row.created_at),
    ruleId: String(row.rule_id),
    type: row.type as AlertType,
    subject: { kind: row.subject_kind as AlertSubject['kind'], id: String(row.subject_id) },
    params: JSON.parse(String(row.params_json)),
    deliveries: JSON.parse(String(row.deliveries_json)),
    read: row.read_at !== null,
  }));
}

export function unreadAlertCount(db: Database): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM alerts WHERE read_at IS NULL').get() as { n: number }).n;
}

/** Marks these alerts read (all of them without ids). */
export function markAlertsRead(db: Database, ids: readonly number[] | null, now: string): void {
  if (ids === null) db.prepare('UPDATE alerts SET read_at = ? WHERE read_at IS NULL').run(now);
  else {
    const mark = db.prepare('UPDATE alerts SET read_at = ? WHERE id = ? AND read_at IS NULL');
    db.transaction(() => ids.forEach((id) => mark.run(now, id)))();
  }
}

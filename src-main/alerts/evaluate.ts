import Decimal from 'decimal.js';
import type { AlertRule } from '../../src-shared/alert-rules';
import type { AlertType, AlertSubject } from '../../src-shared/alert-types';

/** What the alert rules look at, read from the database in one go (alerts-repo.ts). */
export interface AlertFacts {
  /** Plans some store has received (any export preset), as the grid prices them now. */
  exportedPlans: Array<{
    planKey: string;
    title: string;
    inStock: boolean;
    marginPercent: string | null;
    /** The member with the lowest cost, in stock or not: when it is out, the plan is bought from a dearer fallback. */
    cheapest: { supplierId: string; inStock: boolean } | null;
  }>;
  /** Each supplier's latest applied run and the cost rises it logged (same currency only). */
  latestRuns: Array<{
    supplierId: string;
    runId: number;
    rises: Array<{ offerKey: string; title: string; old: string; new: string; currency: string }>;
  }>;
  /** Each supplier's most recent runs, newest first (statuses). */
  recentRuns: Array<{ supplierId: string; runs: Array<{ id: number; status: string }> }>;
  attentionOrders: Array<{ id: number; supplierId: string; title: string; code: string | null }>;
  balances: Array<{ supplierId: string; amount: string; currency: string }>;
}

/** A condition a rule holds true now. `key` names it: while it stays true it is alerted once. */
export interface AlertCondition {
  key: string;
  ruleId: string;
  type: AlertType;
  subject: AlertSubject;
  params: Record<string, string | number>;
}

/** Every condition the enabled rules hold true on these facts. Pure. */
export function evaluateAlertRules(rules: readonly AlertRule[], facts: AlertFacts): AlertCondition[] {
  return rules.filter((rule) => rule.enabled).flatMap((rule) => conditionsOf(rule, facts));
}

function conditionsOf(rule: AlertRule, facts: AlertFacts): AlertCondition[] {
  const at = (key: string, subject: AlertSubject, params: AlertCondition['params']): AlertCondition => ({
    key: `${rule.id}|${key}`,
    ruleId: rule.id,
    type: rule.type,
    subject,
    params,
  });
  switch (rule.type) {
    case 'margin_below':
      return facts.exportedPlans
        .filter((plan) => plan.marginPercent !== null && new Decimal(plan.marginPercent).lt(rule.percent))
        .map((plan) =>
          at(
            plan.planKey,
            { kind: 'plan', id: plan.planKey },
            { title: plan.title, marginPercent: plan.marginPercent!, threshold: rule.percent },
          ),
        );
    case 'best_out_of_stock':
      // Out everywhere, or out at the supplier it is best bought from (a dearer fallback sells it meanwhile): one
      // condition per plan, so the change from one to the other is not alerted again.
      return facts.exportedPlans
        .filter((plan) => !plan.inStock || (plan.cheapest && !plan.cheapest.inStock))
        .map((plan) =>
          at(
            plan.planKey,
            { kind: 'plan', id: plan.planKey },
            plan.inStock ? { title: plan.title, supplier: plan.cheapest!.supplierId } : { title: plan.title },
          ),
        );
    case 'cost_rise':
      return facts.latestRuns.flatMap((run) => {
        const risen = run.rises
          .map((rise) => ({ ...rise, percent: new Decimal(rise.new).minus(rise.old).div(rise.old).times(100) }))
          .filter((rise) => rise.percent.gt(rule.percent))
          .sort((a, b) => b.percent.cmp(a.percent));
        if (risen.length === 0) return [];
        const top = risen[0];
        // One alert per sync of a supplier, not one per offer: a price list change can touch thousands.
        return [
          at(
            `${run.supplierId}|${run.runId}`,
            { kind: 'run', id: String(run.runId) },
            {
              supplier: run.supplierId,
              count: risen.length,
              threshold: rule.percent,
              topTitle: top.title,
              topPercent: top.percent.toDecimalPlaces(1).toString(),
              topOld: top.old,
              topNew: top.new,
              currency: top.currency,
            },
          ),
        ];
      });
    case 'sync_failing':
      return facts.recentRuns.flatMap(({ supplierId, runs }) => {
        if (runs[0]?.status === 'held')
          return [
            at(
              `${supplierId}|held|${runs[0].id}`,
              { kind: 'supplier', id: supplierId },
              { supplier: supplierId, held: 1, run: runs[0].id },
            ),
          ];
        const failures = runs.findIndex((run) => run.status !== 'failed');
        const streak = failures === -1 ? runs.length : failures;
        return streak >= rule.times
          ? [at(`${supplierId}|failed`, { kind: 'supplier', id: supplierId }, { supplier: supplierId, times: streak })]
          : [];
      });
    case 'balance_below':
      return facts.balances
        .filter(
          (balance) =>
            (!rule.supplierId || balance.supplierId === rule.supplierId) &&
            balance.currency === rule.currency &&
            new Decimal(balance.amount).lt(rule.amount),
        )
        .map((balance) =>
          at(
            balance.supplierId,
            { kind: 'supplier', id: balance.supplierId },
            { supplier: balance.supplierId, amount: balance.amount, currency: balance.currency, minimum: rule.amount },
          ),
        );
    case 'order_attention':
      return facts.attentionOrders.map((order) =>
        at(
          String(order.id),
          { kind: 'order', id: String(order.id) },
          { order: order.id, supplier: order.supplierId, title: order.title, reason: order.code ?? '' },
        ),
      );
  }
}

export interface ActiveCondition {
  key: string;
  type: AlertType;
  ruleId: string;
  subject: AlertSubject;
  params: AlertCondition['params'];
}

/**
 * Deduplication: a condition is alerted when it first holds, and not again until it has cleared. Returns the new
 * ones to alert and the active ones that cleared; a cleared "out of stock" is itself alerted as "back in stock".
 */
export function reconcileConditions(
  active: readonly ActiveCondition[],
  now: readonly AlertCondition[],
): { raise: AlertCondition[]; cleared: ActiveCondition[]; backInStock: AlertCondition[] } {
  const activeKeys = new Set(active.map((condition) => condition.key));
  const nowKeys = new Set(now.map((condition) => condition.key));
  const raise = now.filter(
    (condition, index) => !activeKeys.has(condition.key) && now.findIndex((c) => c.key === condition.key) === index,
  );
  const cleared = active.filter((condition) => !nowKeys.has(condition.key));
  const backInStock = cleared
    .filter((condition) => condition.type === 'best_out_of_stock')
    .map((condition) => ({ ...condition, key: `${condition.key}|back`, type: 'back_in_stock' as const }));
  return { raise, cleared, backInStock };
}

/** How many of `pending` alerts may go out to external channels, given how many went out in the last hour. */
export function externalAllowance(sentLastHour: number, maxPerHour: number): number {
  return Math.max(0, maxPerHour - sentLastHour);
}

import { describe, expect, it } from 'vitest';
import {
  evaluateAlertRules,
  reconcileConditions,
  type ActiveCondition,
  type AlertCondition,
  type AlertFacts,
} from '../../src-main/alerts/evaluate';
import { alertDocumentSchema, type AlertRule } from '../../src-shared/alert-rules';
import { alertText } from '../../src-renderer/i18n/alerts';

const none: AlertFacts = { exportedPlans: [], latestRuns: [], recentRuns: [], attentionOrders: [], balances: [] };
const rules = alertDocumentSchema.parse({
  rules: [
    { id: 'margin', type: 'margin_below', percent: '10' },
    { id: 'stock', type: 'best_out_of_stock' },
    { id: 'rise', type: 'cost_rise', percent: '15' },
    { id: 'failing', type: 'sync_failing', times: 3 },
    { id: 'balance', type: 'balance_below', amount: '50', currency: 'USD' },
    { id: 'orders', type: 'order_attention' },
  ],
}).rules;

const active = (conditions: AlertCondition[]): ActiveCondition[] => conditions;

/** Runs the rules over successive facts as the service does: what each step raises, and what clears. */
function steps(rulesToUse: readonly AlertRule[], ...facts: AlertFacts[]) {
  let state: ActiveCondition[] = [];
  return facts.map((step) => {
    const now = evaluateAlertRules(rulesToUse, step);
    const result = reconcileConditions(state, now);
    state = active(now);
    return {
      raised: result.raise.map((c) => c.key),
      backInStock: result.backInStock.map((c) => c.key),
      cleared: result.cleared.map((c) => c.key),
      now,
    };
  });
}

describe('alert rules: each fires on crafted facts, once, and clears', () => {
  it('margin of an exported plan below X', () => {
    const plan = (margin: string | null) => ({
      ...none,
      exportedPlans: [
        { planKey: 'plan:JP', title: 'Japan 5 GB', inStock: true, marginPercent: margin, cheapest: null },
      ],
    });
    const [low, still, fine] = steps(rules, plan('9.999'), plan('8'), plan('10'));
    expect(low.raised).toEqual(['margin|plan:JP']);
    expect(low.now[0].params).toMatchObject({ marginPercent: '9.999', threshold: '10' });
    expect(still.raised).toEqual([]);
    expect(fine.cleared).toEqual(['margin|plan:JP']);
    expect(steps(rules, plan(null))[0].raised).toEqual([]);
  });

  it('best supplier out of stock, then back in stock', () => {
    const plan = (inStock: boolean) => ({
      ...none,
      exportedPlans: [
        {
          planKey: 'plan:HK',
          title: 'Hong Kong',
          inStock,
          marginPercent: '30',
          cheapest: { supplierId: 'dj', inStock },
        },
      ],
    });
    const [out, again, back] = steps(rules, plan(false), plan(false), plan(true));
    expect(out.raised).toEqual(['stock|plan:HK']);
    expect(again.raised).toEqual([]);
    expect(back.backInStock).toEqual(['stock|plan:HK|back']);
    expect(alertText('en', { type: 'back_in_stock', params: { title: 'Hong Kong' } })).toBe(
      '“Hong Kong” is back in stock',
    );
  });

  it('the cheapest supplier out of stock while a dearer one still sells the plan: alerted once, then back', () => {
    const plan = (cheapestIn: boolean, anyIn: boolean) => ({
      ...none,
      exportedPlans: [
        {
          planKey: 'plan:HK',
          title: 'Hong Kong',
          inStock: anyIn,
          marginPercent: '30',
          cheapest: { supplierId: 'dj', inStock: cheapestIn },
        },
      ],
    });
    const [fine, cheapestOut, allOut, back] = steps(
      rules,
      plan(true, true),
      plan(false, true),
      plan(false, false),
      plan(true, true),
    );
    expect(fine.raised).toEqual([]);
    expect(cheapestOut.raised).toEqual(['stock|plan:HK']);
    expect(alertText('en', cheapestOut.now[0])).toBe(
      '“Hong Kong” is out of stock at dj, its cheapest supplier; a dearer one sells it meanwhile',
    );
    // From "out at the cheapest" to "out everywhere" is the same condition: not alerted again.
    expect(allOut.raised).toEqual([]);
    expect(back.backInStock).toEqual(['stock|plan:HK|back']);
  });

  it('cost rose more than Y % in a sync: one alert per supplier sync, the largest rise named', () => {
    const run = (runId: number, rises: Array<[string, string]>) => ({
      ...none,
      latestRuns: [
        {
          supplierId: 'dj',
          runId,
          rises: rises.map(([old, next], i) => ({
            offerKey: `k${i}`,
            title: `Plan ${i}`,
            old,
            new: next,
            currency: 'USD',
          })),
        },
      ],
    });
    const [first, calm] = steps(
      rules,
      run(7, [
        ['10.00', '11.50'],
        ['10.00', '12.00'],
        ['10.00', '10.10'],
      ]),
      run(8, [['10.00', '11.00']]),
    );
    expect(first.raised).toEqual(['rise|dj|7']);
    expect(first.now[0].params).toMatchObject({ count: 1, topPercent: '20', topTitle: 'Plan 1' });
    expect(calm.raised).toEqual([]);
    expect(calm.cleared).toEqual(['rise|dj|7']);
    // Exactly Y % is not "more than".
    expect(steps(rules, run(9, [['10', '11.5']]))[0].raised).toEqual([]);
  });

  it('a supplier sync failed N times in a row, or is held for review', () => {
    const runs = (...statuses: string[]) => ({
      ...none,
      recentRuns: [{ supplierId: 'sg', runs: statuses.map((status, i) => ({ id: 100 - i, status })) }],
    });
    expect(steps(rules, runs('failed', 'failed', 'ok'))[0].raised).toEqual([]);
    const [three, four, ok] = steps(
      rules,
      runs('failed', 'failed', 'failed', 'ok'),
      runs('failed', 'failed', 'failed', 'failed'),
      runs('ok', 'failed'),
    );
    expect(three.raised).toEqual(['failing|sg|failed']);
    expect(four.raised).toEqual([]);
    expect(ok.cleared).toEqual(['failing|sg|failed']);
    const held = steps(rules, runs('held', 'ok'))[0];
    expect(held.raised).toEqual(['failing|sg|held|100']);
    expect(alertText('en', held.now[0])).toBe('sg: the last sync is held for review (run 100)');
  });

  it('balance below Z (where a balance is known), and an order that needs attention', () => {
    const [low] = steps(rules, {
      ...none,
      balances: [
        { supplierId: 'dj', amount: '49.99', currency: 'USD' },
        { supplierId: 'mz', amount: '10', currency: 'CNY' },
      ],
    });
    expect(low.raised).toEqual(['balance|dj']);
    const order = {
      ...none,
      attentionOrders: [{ id: 12, supplierId: 'dj', title: 'Japan eSIM', code: 'charge_mismatch' }],
    };
    const [raised, settled] = steps(rules, order, none);
    expect(raised.raised).toEqual(['orders|12']);
    expect(alertText('zh-CN', raised.now[0])).toBe('订单 #12（Japan eSIM，dj）需要您处理');
    expect(settled.cleared).toEqual(['orders|12']);
  });

  it('a disabled rule raises nothing; the document refuses duplicate ids and unknown fields', () => {
    const disabled = rules.map((rule) => ({ ...rule, enabled: false }));
    expect(
      evaluateAlertRules(disabled, { ...none, attentionOrders: [{ id: 1, supplierId: 'x', title: 't', code: null }] }),
    ).toEqual([]);
    expect(
      alertDocumentSchema.safeParse({
        rules: [
          { id: 'a', type: 'order_attention' },
          { id: 'a', type: 'order_attention' },
        ],
      }).success,
    ).toBe(false);
    expect(alertDocumentSchema.safeParse({ rules: [{ id: 'a', type: 'cost_rise', percent: '-5' }] }).success).toBe(
      false,
    );
    expect(
      alertDocumentSchema.safeParse({ rules: [], channels: { telegram: { chatId: '1', botToken: 'x' } } }).success,
    ).toBe(false);
  });
});

describe('alert texts', () => {
  it('show amounts in the currency’s minor units, exactly, and percents as they are', () => {
    const text = alertText('en', {
      type: 'cost_rise',
      params: {
        supplier: 'bc',
        count: 2,
        threshold: '10',
        topTitle: 'India 1GB',
        topOld: '15.8000',
        topNew: '17.6461',
        currency: 'CNY',
        topPercent: '11.7',
      },
    });
    expect(text).toBe('bc: cost rose more than 10 % on 2 offers (largest: “India 1GB” 15.80 → 17.65 CNY, +11.7 %)');
    expect(
      alertText('en', {
        type: 'balance_below',
        params: { supplier: 'sg', amount: '1234.5', currency: 'JPY', minimum: '5000' },
      }),
    ).toBe('sg: balance 1235 JPY is below 5000 JPY');
  });
});

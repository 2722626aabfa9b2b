import type { Database } from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiContract } from '../../src-shared/contract';
import type { LockedPrice, MarkupRule } from '../../src-main/domain/pricing/rules';
import { scopeNameKey } from '../../src-main/domain/pricing/scope-names';
import { startAppServices } from '../helpers/app-services';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const none = { mode: 'none' } as const;
type OfferRow = { supplier_id: string; product_id: string; sku_id: string; variant: string };
const offerScope = (row: OfferRow) => ({
  type: 'offer' as const,
  supplierId: row.supplier_id,
  productId: row.product_id,
  skuId: row.sku_id,
  variant: row.variant,
});

/** Counts the statements the database runs: how "one query, not one per lock" is told apart from N+1. */
function countStatements(db: Database): { runs: number } {
  const counter = { runs: 0 };
  const prepare = db.prepare.bind(db);
  vi.spyOn(db, 'prepare').mockImplementation(((sql: string) => {
    const statement = prepare(sql);
    for (const method of ['all', 'get', 'iterate', 'run'] as const) {
      const original = statement[method].bind(statement) as (...args: unknown[]) => unknown;
      (statement as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
        counter.runs++;
        return original(...args);
      };
    }
    return statement;
  }) as Database['prepare']);
  return counter;
}

async function setRules(api: ApiContract, rules: MarkupRule[], locks: LockedPrice[]) {
  await api['pricing.saveRules']({ currency: 'USD', rules, locks });
}

describe('pricing.names: what rules and locks point at, by name, in both languages', () => {
  it('names plans by their grid title, offers by their own titles and categories by their path; ids it cannot name stay out', async () => {
    const { db, services, api } = await startAppServices('supplygrid-pricing-names-', cleanups);
    await services.sync(['demo-mesim', 'demo-dujiao']);
    const [en, zh] = await Promise.all(['en', 'zh-CN'].map((language) => api['grid.query']({ language, limit: 1000 })));
    const zhTitle = new Map(zh.rows.map((row) => [row.planKey, row.title]));
    // A plan whose two titles differ, so a mix-up of languages would show.
    const plan = en.rows.find((row) => zhTitle.has(row.planKey) && zhTitle.get(row.planKey) !== row.title)!;
    expect(plan, 'a plan titled differently in Chinese').toBeDefined();
    // Dujiao-Next titles its offers en-US, zh-CN and zh-TW: English readers get en-US by the fallback chain.
    const offer = db
      .prepare(
        `SELECT supplier_id, product_id, sku_id, variant, titles_json FROM offers WHERE supplier_id = 'demo-dujiao' AND titles_json LIKE '%"en-US"%' LIMIT 1`,
      )
      .get() as OfferRow & { titles_json: string };
    const titles = JSON.parse(offer.titles_json) as Record<string, string>;
    const category = db
      .prepare(
        `SELECT category_json ->> '$.id' FROM offers WHERE supplier_id = 'demo-dujiao' AND category_json ->> '$.path[1].id' IS NOT NULL LIMIT 1`,
      )
      .pluck()
      .get() as string;

    const planRule = {
      id: 'plan',
      scope: { type: 'plan' as const, planKey: plan.planKey },
      percent: '10',
      rounding: none,
    };
    const categoryRule = {
      id: 'cat',
      scope: { type: 'category' as const, supplierId: 'demo-dujiao', categoryId: category },
      percent: '10',
      rounding: none,
    };
    const gone = {
      id: 'gone',
      scope: { type: 'plan' as const, planKey: 'plan|AQ|1|total|1d' },
      percent: '10',
      rounding: none,
    };
    const strangerCategory = {
      id: 'stranger',
      scope: { type: 'category' as const, supplierId: 'demo-mesim', categoryId: category },
      percent: '10',
      rounding: none,
    };
    const offerLock = { target: offerScope(offer), price: { amount: '9.99', currency: 'USD' } };
    const missingOffer = {
      target: { ...offerScope(offer), variant: 'no-such-variant' },
      price: { amount: '1', currency: 'USD' },
    };
    await setRules(
      api,
      [
        { id: 'all', scope: { type: 'all' }, percent: '20', rounding: none },
        planRule,
        categoryRule,
        gone,
        strangerCategory,
      ],
      [offerLock, missingOffer],
    );

    const names = await api['pricing.names']();
    expect(names.en).toEqual({
      [scopeNameKey(planRule.scope)!]: plan.title,
      [scopeNameKey(offerLock.target)!]: titles['en-US'],
      [scopeNameKey(categoryRule.scope)!]: expect.stringMatching(/^eSIM Data › \S/),
    });
    expect(names['zh-CN']).toEqual({
      [scopeNameKey(planRule.scope)!]: zhTitle.get(plan.planKey),
      [scopeNameKey(offerLock.target)!]: titles['zh-CN'],
      [scopeNameKey(categoryRule.scope)!]: expect.stringMatching(/^eSIM 流量卡 › \p{Script=Han}+$/u),
    });
    expect(names.en[scopeNameKey(planRule.scope)!]).not.toBe(names['zh-CN'][scopeNameKey(planRule.scope)!]);
  }, 60_000);

  it('asks the database the same number of times for three targets as for three hundred', async () => {
    const { db, services, api } = await startAppServices('supplygrid-pricing-names-n-', cleanups);
    await services.sync(['demo-mesim', 'demo-dujiao']);
    const grid = await api['grid.query']({ limit: 100 });
    const offers = db
      .prepare('SELECT supplier_id, product_id, sku_id, variant FROM offers LIMIT 100')
      .all() as OfferRow[];
    const categories = db
      .prepare(
        `SELECT DISTINCT supplier_id, category_json ->> '$.id' AS id FROM offers WHERE category_json IS NOT NULL`,
      )
      .all() as Array<{ supplier_id: string; id: string }>;
    expect(categories.length).toBeGreaterThan(3);
    const ruleSet = (plans: number, offerCount: number, categoryCount: number) => ({
      rules: [
        ...grid.rows.slice(0, plans).map((row, i) => ({
          id: `plan-${i}`,
          scope: { type: 'plan' as const, planKey: row.planKey },
          percent: '5',
          rounding: none,
        })),
        ...categories.slice(0, categoryCount).map((c, i) => ({
          id: `cat-${i}`,
          scope: { type: 'category' as const, supplierId: c.supplier_id, categoryId: c.id },
          percent: '5',
          rounding: none,
        })),
      ],
      locks: offers
        .slice(0, offerCount)
        .map((row) => ({ target: offerScope(row), price: { amount: '3', currency: 'USD' } })),
    });

    const measure = async (plans: number, offerCount: number, categoryCount: number) => {
      const { rules, locks } = ruleSet(plans, offerCount, categoryCount);
      await setRules(api, rules, locks);
      const counter = countStatements(db);
      const names = await api['pricing.names']();
      vi.restoreAllMocks();
      return { runs: counter.runs, named: Object.keys(names.en).length };
    };
    const few = await measure(1, 1, 1);
    const many = await measure(100, 100, categories.length);
    expect(few.named).toBe(3);
    expect(many.named).toBe(200 + categories.length);
    expect(many.runs).toBe(few.runs);
  }, 60_000);
});

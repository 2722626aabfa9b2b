import Decimal from 'decimal.js';
import type { Database } from 'better-sqlite3';
import { changesForRuns, latestRuns } from '../db/catalog-repo';
import { rateMap } from '../db/rates-repo';
import { writeState } from '../db/app-state';
import { gridVersion, markGridFresh, merchantCurrency } from '../db/settings';
import { convert, MissingRateError } from '../domain/currency';
import type { ChangeKind } from '../domain/diff';
import { displayTitle } from '../domain/locale';
import { supplierOfferKey, type OfferKind, type Stock } from '../domain/offer';
import { extractAttributes, planMatchKey, type PlanAttributes } from '../domain/plan-attributes';
import { priceOffer } from '../domain/pricing/price';
import type { RuleSet } from '../domain/pricing/rules';
import { searchText } from '../domain/search-text';
import { loadRuleSet } from '../pricing/rules-store';
import type { GridOffer, OfferRef } from './types';

interface LiveOfferRow {
  supplier_id: string; product_id: string; sku_id: string; variant: string; kind: OfferKind; titles_json: string;
  category_json: string | null; cost_amount: string; cost_currency: string; stock_status: Stock['status'];
  stock_quantity: number | null; plan_json: string; orderable: number; link_key: string | null;
}

/** What a built grid was built for; a query for anything else rebuilds it. */
export function gridSignature(currency: string, suppliers: readonly string[] | null): string {
  return JSON.stringify([currency, suppliers ? [...suppliers].sort() : '*']);
}

/** Integer copy of an amount (× 10^6) for SQLite to sort and filter on; the exact string is stored beside it. */
export function micros(amount: string): number {
  return new Decimal(amount).times(1_000_000).round().toNumber();
}

/** The key a merchant's manual "take this offer out of its row" uses: a row of its own. */
export function soloKey(ref: OfferRef): string {
  return `solo:${supplierOfferKey(ref)}`;
}

// Extraction and search folding depend only on an offer's text, which rarely changes between rebuilds (a rate or
// rule change rebuilds every row): remember them by that text. Bounded, so a long-running app cannot grow without end.
const MEMO_LIMIT = 250_000;
const attributesMemo = new Map<string, PlanAttributes>();
function memoAttributes(kind: OfferKind, titlesJson: string, planJson: string): PlanAttributes {
  const key = `${kind}\u0001${titlesJson}\u0001${planJson}`;
  let attributes = attributesMemo.get(key);
  if (!attributes) {
    if (attributesMemo.size >= MEMO_LIMIT) attributesMemo.clear();
    attributes = extractAttributes({ titles: JSON.parse(titlesJson), kind, plan: JSON.parse(planJson) });
    attributesMemo.set(key, attributes);
  }
  return attributes;
}

const searchMemo = new Map<string, string>();
function memoSearchText(titlesJson: string, titles: Record<string, string>): string {
  let text = searchMemo.get(titlesJson);
  if (text === undefined) {
    if (searchMemo.size >= MEMO_LIMIT) searchMemo.clear();
    text = searchText(Object.values(titles).join(' '));
    searchMemo.set(titlesJson, text);
  }
  return text;
}

interface Member extends GridOffer {
  /** Converted cost × 10^6, exact (conversions keep six decimals), for comparing without building decimals. */
  costMicros: number | null;
  searchText: string;
}

const isBuyable = (offer: Member) => offer.stock.status !== 'out' && offer.costMicros !== null;

function compareByCost(a: Member, b: Member): number {
  return a.costMicros! - b.costMicros! || Number(b.orderable) - Number(a.orderable) || (a.supplier < b.supplier ? -1 : a.supplier > b.supplier ? 1 : 0);
}

export interface BuildResult {
  rows: number;
  offers: number;
  currency: string;
  /** Currencies that had no rate: their offers are shown but cannot be compared or priced. */
  missingRates: string[];
}

/**
 * Rebuilds the grid from the live catalog: groups offers into plan rows (automatic match keys, overridden by
 * the merchant's links), converts every cost, picks the cheapest in-stock supplier and the runner-up, and
 * prices the row with the rule set. Written in one transaction, so readers see the old grid or the new one.
 */
export function buildGrid(db: Database, options: { currency?: string; ruleSet?: RuleSet; suppliers?: readonly string[] | null } = {}): BuildResult {
  // Read before any input: if something changes while this build runs, the grid stays stale afterwards.
  const version = gridVersion(db);
  const currency = options.currency ?? merchantCurrency(db);
  const scope = options.suppliers ? new Set(options.suppliers) : null;
  const ruleSet = options.ruleSet ?? loadRuleSet(db, currency);
  const rates = rateMap(db, currency);
  const missingRates = new Set<string>();

  const offers = db.prepare(`SELECT o.supplier_id, o.product_id, o.sku_id, o.variant, o.kind, o.titles_json, o.category_json,
      o.cost_amount, o.cost_currency, o.stock_status, o.stock_quantity, o.plan_json, o.orderable, l.plan_key AS link_key
    FROM offers o LEFT JOIN plan_links l USING (supplier_id, product_id, sku_id, variant)
    WHERE o.removed_at IS NULL`).all() as LiveOfferRow[];
  // The app shows only the suppliers it is configured with (demo or real); the CLI shows everything stored.
  const inScope = scope ? offers.filter((offer) => scope.has(offer.supplier_id)) : offers;

  const lastChanges = new Map<string, Set<ChangeKind>>();
  const okRuns = latestRuns(db).filter((run) => run.status === 'ok').map((run) => run.id);
  for (const change of changesForRuns(db, okRuns)) {
    const key = supplierOfferKey({ supplier: change.supplierId, productId: change.productId, skuId: change.skuId, variant: change.variant });
    const kinds = lastChanges.get(key) ?? new Set<ChangeKind>();
    kinds.add(change.change);
    lastChanges.set(key, kinds);
  }

  const groups = new Map<string, { attributes: PlanAttributes; members: Member[]; changes: Set<ChangeKind> }>();
  for (const row of inScope) {
    const ref: OfferRef = { supplier: row.supplier_id, productId: row.product_id, skuId: row.sku_id, variant: row.variant };
    const titles = JSON.parse(row.titles_json) as Record<string, string>;
    const attributes = memoAttributes(row.kind, row.titles_json, row.plan_json);
    const planKey = row.link_key ?? planMatchKey(attributes) ?? soloKey(ref);
    const cost = { amount: row.cost_amount, currency: row.cost_currency };
    let converted = null;
    try {
      converted = convert(cost, currency, rates);
    } catch (error) {
      if (!(error instanceof MissingRateError)) throw error;
      missingRates.add(cost.currency);
    }
    const category = row.category_json ? (JSON.parse(row.category_json) as { id: string }) : null;
    const member: Member = {
      ...ref, kind: row.kind, titles, cost, converted, stock: { status: row.stock_status, quantity: row.stock_quantity },
      orderable: row.orderable === 1, categoryId: category?.id ?? null,
      costMicros: converted ? micros(converted.amount) : null, searchText: memoSearchText(row.titles_json, titles),
    };
    const group = groups.get(planKey) ?? { attributes, members: [], changes: new Set<ChangeKind>() };
    group.members.push(member);
    for (const kind of lastChanges.get(supplierOfferKey(ref)) ?? []) group.changes.add(kind);
    if (attributes.confidence > group.attributes.confidence) group.attributes = attributes;
    groups.set(planKey, group);
  }

  const insertRow = db.prepare(`INSERT INTO plan_rows (id, plan_key, kind, title_en, title_zh, attributes_json, days, data_mb, offers_json,
      supplier_count, in_stock, best_json, second_json, currency, best_cost, best_cost_micros, sale_price, sale_micros, margin,
      margin_micros, margin_pct_milli, rule_id, locked, changes)
    VALUES (@id, @plan_key, @kind, @title_en, @title_zh, @attributes_json, @days, @data_mb, @offers_json, @supplier_count, @in_stock,
      @best_json, @second_json, @currency, @best_cost, @best_cost_micros, @sale_price, @sale_micros, @margin, @margin_micros,
      @margin_pct_milli, @rule_id, @locked, @changes)`);
  const insertMember = db.prepare('INSERT INTO plan_members (plan_row_id, supplier_id, kind, stock) VALUES (?, ?, ?, ?)');
  const insertCountry = db.prepare('INSERT INTO plan_countries (plan_row_id, country) VALUES (?, ?)');
  const insertSearch = db.prepare('INSERT INTO plan_search (rowid, text) VALUES (?, ?)');

  db.transaction(() => {
    // A plan keeps its row id across rebuilds, so an open detail panel or a selection still points at it.
    const previousIds = new Map((db.prepare('SELECT plan_key, id FROM plan_rows').all() as Array<{ plan_key: string; id: number }>).map((r) => [r.plan_key, r.id]));
    let nextId = 1;
    for (const id of previousIds.values()) if (id >= nextId) nextId = id + 1;
    db.exec(`DELETE FROM plan_rows; DELETE FROM plan_members; DELETE FROM plan_countries; INSERT INTO plan_search (plan_search) VALUES ('delete-all');`);
    for (const [planKey, group] of groups) {
      const buyable = group.members.filter(isBuyable).sort(compareByCost);
      const best = buyable[0] ?? null;
      const second = best ? buyable.find((offer) => offer.supplier !== best.supplier) ?? null : null;
      const titleSource = best ?? group.members[0];
      const price = best
        ? priceOffer({ cost: best.converted!, supplierId: best.supplier, categoryId: best.categoryId, planKey, productId: best.productId, skuId: best.skuId, variant: best.variant }, ruleSet)
        : null;
      const attributes = group.attributes;
      const rowId = previousIds.get(planKey) ?? nextId++;
      insertRow.run({
        id: rowId,
        plan_key: planKey,
        kind: titleSource.kind,
        title_en: displayTitle(titleSource.titles, 'en'),
        title_zh: displayTitle(titleSource.titles, 'zh-CN'),
        attributes_json: JSON.stringify(attributes),
        days: attributes.type === 'plan' ? attributes.days : null,
        data_mb: attributes.type === 'plan' ? (attributes.unlimited ? 1e12 : attributes.dataMB) : null,
        offers_json: JSON.stringify(group.members.map(gridOffer)),
        supplier_count: new Set(group.members.map((m) => m.supplier)).size,
        in_stock: best ? 1 : 0,
        // The category rides along so rule previews can price a row without reading every member offer.
        best_json: best ? JSON.stringify({ ...refOf(best), categoryId: best.categoryId } satisfies StoredBest) : null,
        second_json: second ? JSON.stringify(refOf(second)) : null,
        currency,
        best_cost: best?.converted?.amount ?? null,
        best_cost_micros: best ? best.costMicros : null,
        sale_price: price?.salePrice.amount ?? null,
        sale_micros: price ? micros(price.salePrice.amount) : null,
        margin: price?.margin.amount ?? null,
        margin_micros: price ? micros(price.margin.amount) : null,
        margin_pct_milli: price ? Math.round(Number(price.marginPercent) * 1000) : null,
        rule_id: price?.ruleId ?? null,
        locked: price?.locked ? 1 : 0,
        changes: [...group.changes].sort().join(','),
      });
      for (const member of group.members) insertMember.run(rowId, member.supplier, member.kind, member.stock.status);
      if (attributes.type === 'plan') for (const country of attributes.countries) insertCountry.run(rowId, country);
      insertSearch.run(rowId, group.members.map((m) => m.searchText).join(' '));
    }
    markGridFresh(db, version);
    writeState(db, 'grid.built', gridSignature(currency, options.suppliers ?? null));
  })();
  return { rows: groups.size, offers: inScope.length, currency, missingRates: [...missingRates].sort() };
}

function gridOffer({ costMicros: _micros, searchText: _text, ...offer }: Member): GridOffer {
  return offer;
}

/** The best offer as plan_rows.best_json holds it. */
export interface StoredBest extends OfferRef {
  categoryId: string | null;
}

function refOf(offer: GridOffer): OfferRef {
  return { supplier: offer.supplier, productId: offer.productId, skuId: offer.skuId, variant: offer.variant };
}

import Decimal from 'decimal.js';
import { convert, MissingRateError, type CurrencyRate } from '../domain/currency';
import type { ChangeKind } from '../domain/diff';
import type { Money } from '../domain/money';
import { displayTitle } from '../domain/locale';
import { supplierOfferKey, type OfferKind } from '../domain/offer';
import { planMatchKey, type PlanAttributes } from '../domain/plan-attributes';
import { withRegionResolved, type RegionResolution } from '../domain/region-evidence';
import { priceOrRefusal } from '../domain/pricing/price';
import { coverageSearchText } from '../domain/search-text';
import type { RuleSet } from '../domain/pricing/rules';
import type { GridOffer, OfferMatch, OfferRef } from '../../src-shared/grid-types';

// The grid's pure core: offers in, plan rows out. No database here, so a full rebuild, an incremental refresh and a
// reprice all compute a row the same way, and a test can compare them row for row.

/**
 * Bumped whenever grouping or row contents change meaning (a new match key, another member order): a grid built by
 * another matcher version is rebuilt in full rather than patched.
 */
export const MATERIALIZER_VERSION = 8;

/** An offer as the materializer needs it: what the grid shows, plus what grouping and search read from it. */
export interface GridInputOffer extends Omit<GridOffer, 'converted'> {
  attributes: PlanAttributes;
  /** Every title folded by searchText(), joined. */
  searchText: string;
  /** The merchant's manual plan key for this offer, if any. */
  linkKey: string | null;
}

export interface MaterializeContext {
  currency: string;
  rates: ReadonlyMap<string, CurrencyRate>;
  ruleSet: RuleSet;
  /**
   * What the latest successful sync of the offer's supplier changed about it, tagged with that run, or null.
   * Badges are stored per run so a later sync of the same supplier retires them without touching the row.
   */
  lastChanges: (offer: OfferRef) => { runId: number; kinds: readonly ChangeKind[] } | null;
  /** What each counted region name stands for in this catalog (region-evidence.ts). */
  regions: RegionResolution;
}

/** The columns a reprice may change: everything that depends on rates and rules. */
export interface PricedRow {
  kind: OfferKind;
  titleEn: string;
  titleZh: string;
  offers: GridOffer[];
  supplierCount: number;
  inStock: boolean;
  best: StoredBest | null;
  second: OfferRef | null;
  currency: string;
  bestCost: string | null;
  bestCostMicros: number | null;
  salePrice: string | null;
  saleMicros: number | null;
  margin: string | null;
  marginMicros: number | null;
  marginPctMilli: number | null;
  ruleId: string | null;
  locked: boolean;
  /** The rule or lock (ruleId, locked) would sell at zero or below, so the row has no sale price. */
  priceRefused: boolean;
}

export interface MaterializedRow extends PricedRow {
  planKey: string;
  attributes: PlanAttributes;
  days: number | null;
  dataMb: number | null;
  members: Array<{ supplier: string; kind: OfferKind; stock: string }>;
  countries: string[];
  searchText: string;
  /** Badge entries, sorted: the row shows the kinds whose run is still its supplier's latest successful one. */
  badges: Array<{ runId: number; change: ChangeKind }>;
  /** Currencies some member could not be converted from. */
  missingRates: string[];
}

/** The best offer as plan_rows.best_json holds it (the category rides along so rule previews need no member read). */
export interface StoredBest extends OfferRef {
  categoryId: string | null;
}

/** The key a merchant's manual "take this offer out of its row" uses: a row of its own. */
export function soloKey(ref: OfferRef): string {
  return `solo:${supplierOfferKey(ref)}`;
}

/**
 * The plan row an offer belongs in: the merchant's link first, then the matcher (on attributes with the catalog's
 * regional evidence applied), else a row of its own.
 */
export function planKeyOf(
  offer: OfferRef & { attributes: PlanAttributes; linkKey: string | null },
  regions: RegionResolution,
): string {
  return offer.linkKey ?? planMatchKey(withRegionResolved(offer.attributes, regions)) ?? soloKey(offer);
}

/** Integer copy of an amount (× 10^6) for SQLite to sort and filter on; the exact string is stored beside it. */
export function micros(amount: string): number {
  return new Decimal(amount).times(1_000_000).round().toNumber();
}

/** Members are kept in one canonical order, so a row reads the same however it was assembled. */
export function compareOffers(a: OfferRef, b: OfferRef): number {
  const x = supplierOfferKey(a);
  const y = supplierOfferKey(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The same order as compareOffers, each offer's key built once rather than on every comparison (a popular row holds thousands). */
export function inCanonicalOrder<T extends OfferRef>(
  offers: readonly T[],
  keyOf: (offer: T) => string = supplierOfferKey,
): T[] {
  const keyed = offers.map((offer) => ({ key: keyOf(offer), offer }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map((entry) => entry.offer);
}

/** Groups offers by plan key; each group's members in canonical order. */
export function groupOffers<T extends GridInputOffer>(
  offers: Iterable<T>,
  regions: RegionResolution,
): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const offer of offers) {
    const key = planKeyOf(offer, regions);
    const members = groups.get(key);
    if (members) members.push(offer);
    else groups.set(key, [offer]);
  }
  for (const [key, members] of groups) groups.set(key, inCanonicalOrder(members));
  return groups;
}

export function materializeRows(
  groups: ReadonlyMap<string, readonly GridInputOffer[]>,
  context: MaterializeContext,
): MaterializedRow[] {
  const rows: MaterializedRow[] = [];
  for (const [planKey, members] of groups) if (members.length) rows.push(materializeRow(planKey, members, context));
  return rows;
}

/** One plan row from all of its members (in canonical order). */
export function materializeRow(
  planKey: string,
  members: readonly GridInputOffer[],
  context: MaterializeContext,
): MaterializedRow {
  const attributes = rowAttributes(members, context.regions);
  const missing = new Set<string>();
  const priced = priceRow(
    planKey,
    members.map((member) => shownOffer(member, context.regions)),
    context,
    missing,
  );
  return {
    ...priced,
    planKey,
    attributes,
    days: attributes.type === 'plan' ? attributes.days : null,
    // A throttled plan sorts by its quota, like the plain plan it matches; only a plan with no quota sorts as unlimited.
    dataMb: attributes.type === 'plan' ? (attributes.dataMB ?? (attributes.unlimited ? 1e12 : null)) : null,
    ...sideTables(members, context.regions, attributes),
    badges: badgesOf(members, context.lastChanges),
    missingRates: [...missing].sort(),
  };
}

/** What restating some of a row's members rewrites: everything priced, its member list and its badges. */
export type RestatedRow = PricedRow & Pick<MaterializedRow, 'members' | 'badges'>;

/**
 * A row no member joined or left, priced again from the offers it shows (in canonical order, as materializeRow wrote
 * them) with some members restated as they stand now. Only for members whose attributes, search text and link did not
 * move: the row's attributes, countries and search text come from those alone, so they stand as stored, and the row
 * equals what materializeRow would build from all members.
 */
export function restateRow(
  planKey: string,
  shown: readonly GridOffer[],
  restated: Iterable<GridInputOffer>,
  context: MaterializeContext,
  missingRates: Set<string>,
): RestatedRow {
  // Found by product id, then the rest of the identity: cheaper than a key per member, and linear however many of a
  // row's members are restated (a sync may touch all of a popular row's thousands).
  const byProduct = new Map<string, GridInputOffer[]>();
  for (const member of restated) {
    const same = byProduct.get(member.productId);
    if (same) same.push(member);
    else byProduct.set(member.productId, [member]);
  }
  const offers = shown.map((offer) => {
    const restatement = byProduct
      .get(offer.productId)
      ?.find(
        (member) =>
          member.skuId === offer.skuId && member.variant === offer.variant && member.supplier === offer.supplier,
      );
    return restatement ? shownOffer(restatement, context.regions) : offer;
  });
  const priced = priceRow(planKey, offers, context, missingRates);
  return { ...priced, members: memberEntries(priced.offers), badges: badgesOf(priced.offers, context.lastChanges) };
}

/** Badge entries of these members, sorted: what the latest successful sync of each one's supplier changed about it. */
function badgesOf(
  members: readonly OfferRef[],
  lastChanges: MaterializeContext['lastChanges'],
): MaterializedRow['badges'] {
  const badges = new Map<string, { runId: number; change: ChangeKind }>();
  for (const member of members) {
    const last = lastChanges(member);
    if (last)
      for (const change of last.kinds) badges.set(`${last.runId}\u0001${change}`, { runId: last.runId, change });
  }
  return [...badges.values()].sort(
    (a, b) => a.runId - b.runId || (a.change < b.change ? -1 : a.change > b.change ? 1 : 0),
  );
}

/** plan_members' entries: who supplies a row, as what, and in which stock state. */
export function memberEntries(
  members: ReadonlyArray<Pick<GridOffer, 'supplier' | 'kind' | 'stock'>>,
): MaterializedRow['members'] {
  return members.map((member) => ({ supplier: member.supplier, kind: member.kind, stock: member.stock.status }));
}

/** The row's attributes: its most confidently read member's, with the catalog's regional evidence applied. */
function rowAttributes(members: readonly GridInputOffer[], regions: RegionResolution): PlanAttributes {
  let attributes = members[0].attributes;
  for (const member of members)
    if (member.attributes.confidence > attributes.confidence) attributes = member.attributes;
  return withRegionResolved(attributes, regions);
}

/** What a row keeps outside plan_rows (members, countries, search text): its members decide it, rates and rules do not. */
export function sideTables(
  members: readonly GridInputOffer[],
  regions: RegionResolution,
  attributes = rowAttributes(members, regions),
): Pick<MaterializedRow, 'members' | 'countries' | 'searchText'> {
  return {
    members: memberEntries(members),
    countries: coveredCountries(attributes),
    searchText: [...members.map((member) => member.searchText), coverageSearchText(coveredCountries(attributes))]
      .join(' ')
      .trim(),
  };
}

/** A plan's countries (a REGION: token when nobody listed them), or where a good is used. */
function coveredCountries(attributes: PlanAttributes): string[] {
  return attributes.type === 'plan' ? attributes.countries : (attributes.countries ?? []);
}

function shownOffer(member: GridInputOffer, regions: RegionResolution): Omit<GridOffer, 'converted'> {
  return {
    supplier: member.supplier,
    productId: member.productId,
    skuId: member.skuId,
    variant: member.variant,
    kind: member.kind,
    titles: member.titles,
    cost: member.cost,
    stock: member.stock,
    orderable: member.orderable,
    categoryId: member.categoryId,
    match: matchOf(member, regions),
  };
}

/** Why an offer is where planKeyOf put it, in the terms the row panel explains. */
export function matchOf(member: GridInputOffer, regions: RegionResolution): OfferMatch {
  const attributes = withRegionResolved(member.attributes, regions);
  const match: OfferMatch = { via: 'matched' };
  if (member.linkKey !== null) match.via = member.linkKey === soloKey(member) ? 'unlinked' : 'linked';
  else if (planMatchKey(attributes) === null) match.via = 'alone';
  if (attributes.type === 'plan') {
    if (attributes.regionMatch === 'resolved' && attributes.region) match.regionResolved = attributes.region;
    if (attributes.regionMatch === 'ambiguous' && attributes.region) match.regionAmbiguous = attributes.region;
    if (attributes.unlimited && attributes.dataMB !== null) match.throttledAfterQuota = true;
  }
  return match;
}

interface Candidate {
  offer: GridOffer;
  /** Converted cost × 10^6, exact (conversions keep six decimals), for comparing without building decimals. */
  costMicros: number | null;
}

function compareByCost(a: Candidate, b: Candidate): number {
  return (
    a.costMicros! - b.costMicros! ||
    Number(b.offer.orderable) - Number(a.offer.orderable) ||
    (a.offer.supplier < b.offer.supplier ? -1 : a.offer.supplier > b.offer.supplier ? 1 : 0)
  );
}

/**
 * Everything about a row that rates and rules decide: converted costs, the cheapest in-stock supplier and the
 * runner-up, the title shown (the best offer's) and the sale price. A reprice calls only this, from the offers a row
 * already holds: no matching, no attribute extraction.
 */
export function priceRow(
  planKey: string,
  offers: ReadonlyArray<Omit<GridOffer, 'converted'>>,
  context: MaterializeContext,
  missingRates?: Set<string>,
): PricedRow {
  const conversions = conversionsOf(context);
  const candidates: Candidate[] = offers.map((offer) => {
    const conversion = conversions(offer.cost);
    const converted = conversion?.converted ?? null;
    if (!conversion) missingRates?.add(offer.cost.currency);
    // A fixed key order, so a row rebuilt from stored JSON serializes exactly like one built from the catalog.
    const shown: GridOffer = {
      supplier: offer.supplier,
      productId: offer.productId,
      skuId: offer.skuId,
      variant: offer.variant,
      kind: offer.kind,
      titles: offer.titles,
      cost: offer.cost,
      converted,
      stock: offer.stock,
      orderable: offer.orderable,
      categoryId: offer.categoryId,
      ...(offer.match ? { match: offer.match } : {}),
    };
    return { offer: shown, costMicros: conversion?.micros ?? null };
  });
  const buyable = candidates.filter((c) => c.offer.stock.status !== 'out' && c.costMicros !== null).sort(compareByCost);
  const best = buyable[0] ?? null;
  const second = best ? (buyable.find((c) => c.offer.supplier !== best.offer.supplier) ?? null) : null;
  const titleSource = (best ?? candidates[0]).offer;
  // A rule that would sell at zero or below leaves the row without a price (price.ts says why), never with that price.
  const priced = best
    ? priceOrRefusal(
        {
          cost: best.offer.converted!,
          supplierId: best.offer.supplier,
          categoryId: best.offer.categoryId,
          planKey,
          productId: best.offer.productId,
          skuId: best.offer.skuId,
          variant: best.offer.variant,
        },
        context.ruleSet,
      )
    : null;
  const price = priced && !('refused' in priced) ? priced : null;
  const refused = priced && 'refused' in priced ? priced.refused : null;
  return {
    kind: titleSource.kind,
    titleEn: displayTitle(titleSource.titles, 'en'),
    titleZh: displayTitle(titleSource.titles, 'zh-CN'),
    offers: candidates.map((c) => c.offer),
    supplierCount: new Set(offers.map((offer) => offer.supplier)).size,
    inStock: best !== null,
    best: best ? { ...refOf(best.offer), categoryId: best.offer.categoryId } : null,
    second: second ? refOf(second.offer) : null,
    currency: context.currency,
    bestCost: best?.offer.converted?.amount ?? null,
    bestCostMicros: best ? best.costMicros : null,
    salePrice: price?.salePrice.amount ?? null,
    saleMicros: price ? micros(price.salePrice.amount) : null,
    margin: price?.margin.amount ?? null,
    marginMicros: price ? micros(price.margin.amount) : null,
    marginPctMilli: price ? Math.round(Number(price.marginPercent) * 1000) : null,
    ruleId: price?.ruleId ?? refused?.ruleId ?? null,
    locked: price?.locked ?? refused?.locked ?? false,
    priceRefused: refused !== null,
  };
}

type Conversion = { converted: Money; micros: number } | null;
const conversionMemos = new WeakMap<MaterializeContext, Map<string, Conversion>>();

/**
 * Converts costs under one context's rates, each distinct amount once: catalogs repeat a few hundred price points over
 * thousands of offers, and decimal arithmetic is most of what pricing a row costs. Null when the rate is missing.
 */
function conversionsOf(context: MaterializeContext): (cost: Money) => Conversion {
  let memo = conversionMemos.get(context);
  if (!memo) conversionMemos.set(context, (memo = new Map()));
  const known = memo;
  return (cost) => {
    const key = `${cost.currency}\u0001${cost.amount}`;
    let conversion = known.get(key);
    if (conversion === undefined) {
      try {
        const converted = convert(cost, context.currency, context.rates);
        conversion = { converted, micros: micros(converted.amount) };
      } catch (error) {
        if (!(error instanceof MissingRateError)) throw error;
        conversion = null;
      }
      known.set(key, conversion);
    }
    return conversion;
  };
}

function refOf(offer: OfferRef): OfferRef {
  return { supplier: offer.supplier, productId: offer.productId, skuId: offer.skuId, variant: offer.variant };
}

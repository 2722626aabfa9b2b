import type { Database } from 'better-sqlite3';
import { readState, writeState } from '../db/app-state';
import { rateMap } from '../db/rates-repo';
import { gridBuiltFrom, gridInputs, markGridFresh, merchantCurrency, type GridInputs } from '../db/settings';
import type { RuleSet } from '../domain/pricing/rules';
import { supplierOfferKey } from '../domain/offer';
import { loadRuleSet } from '../pricing/rules-store';
import { gridWriter, PRICED_COLUMNS, pricedColumns, type PricedColumns } from './grid-writer';
import {
  groupOffers,
  inCanonicalOrder,
  MATERIALIZER_VERSION,
  materializeRow,
  memberEntries,
  planKeyOf,
  priceRow,
  restateRow,
  sideTables,
  type GridInputOffer,
  type MaterializeContext,
} from './materialize';
import {
  countClaim,
  gatherEvidence,
  NO_REGIONS,
  resolutionSignature,
  resolveRegions,
  type RegionEvidence,
  type RegionResolution,
} from '../domain/region-evidence';
import { allLastChanges, lastChangesForPatch } from '../db/changes-repo';
import { latestOkRuns, OfferReader, type Extractor } from './offer-inputs';
import type { GridOffer, OfferRef } from '../../src-shared/grid-types';

export interface RefreshOptions {
  currency?: string;
  ruleSet?: RuleSet;
  /** Only these suppliers' offers; null or absent = every stored supplier. */
  suppliers?: readonly string[] | null;
  /** Rebuild every row whatever changed. */
  full?: boolean;
  /** Attribute extraction, injectable so a test can count it. */
  extract?: Extractor;
  /** Share of the grid's offers above which a catalog move is rebuilt rather than patched (default 0.2). */
  patchLimit?: number;
}

export type RefreshMode =
  /** Nothing had moved. */
  | 'fresh'
  /** Every row rebuilt: first build, another currency or scope, another matcher version, or a change of unknown reach. */
  | 'full'
  /** Only the rows holding offers a commit or a manual link touched (and, if prices moved too, every row repriced). */
  | 'incremental'
  /** Rules, locks or rates moved: every row repriced from the offers it holds; nothing re-read, re-extracted or regrouped. */
  | 'reprice';

export interface RefreshResult {
  mode: RefreshMode;
  /** Plan rows inserted, replaced, restated, repriced or deleted. */
  rowsWritten: number;
  /** Of those, rows an incremental refresh restated from the offers they showed (patchTouchedRows says when). */
  rowsRestated: number;
  /** Plan rows in the grid afterwards. */
  rows: number;
  offersRead: number;
  attributesExtracted: number;
  currency: string;
  /** Currencies that had no rate, among the offers this refresh priced. */
  missingRates: string[];
}

/** What a built grid was built for; a query for anything else rebuilds it. */
export function gridSignature(currency: string, suppliers: readonly string[] | null): string {
  return JSON.stringify([currency, suppliers ? [...suppliers].sort() : '*']);
}

const MATERIALIZER_KEY = 'grid.materializer';
const BADGE_RUNS_KEY = 'grid.badgeRuns';
/** The regional evidence (region-evidence.ts) the grid was built with, kept up to date by every patch. */
const EVIDENCE_KEY = 'grid.regionEvidence';

/** What the current grid was built for (gridSignature); null before the first build. */
export function builtGridSignature(db: Database): string | null {
  return readState(db, 'grid.built');
}

/** The regional evidence the current grid was built with (none before the first build). */
export function builtRegionEvidence(db: Database): RegionEvidence {
  return JSON.parse(readState(db, EVIDENCE_KEY) ?? '{}') as RegionEvidence;
}

/**
 * Brings the grid up to date with as little work as what moved allows (see db/settings.ts): nothing, a reprice, the
 * rows of the offers a commit stamped, or a full rebuild. Whatever it does, the grid ends exactly as a full rebuild
 * would have left it.
 */
export function refreshGrid(db: Database, options: RefreshOptions = {}): RefreshResult {
  const currency = options.currency ?? merchantCurrency(db);
  const signature = gridSignature(currency, options.suppliers ?? null);
  const mustRebuild =
    options.full ||
    builtGridSignature(db) !== signature ||
    readState(db, MATERIALIZER_KEY) !== String(MATERIALIZER_VERSION);
  if (!mustRebuild) {
    // One write transaction around reading and writing: a patch is small, and no commit can land half-way through it.
    const patched = db.transaction(() => patch(db, currency, options)).immediate();
    if (patched) return patched;
  }
  return rebuild(db, currency, signature, options);
}

function context(
  db: Database,
  currency: string,
  options: RefreshOptions,
  lastChanges: MaterializeContext['lastChanges'],
  regions: RegionResolution,
): MaterializeContext {
  return {
    currency,
    rates: rateMap(db, currency),
    ruleSet: options.ruleSet ?? loadRuleSet(db, currency),
    lastChanges,
    regions,
  };
}

/** Every row from the live catalog. Reads outside the write transaction; the version read first keeps a commit that lands meanwhile visible. */
function rebuild(db: Database, currency: string, signature: string, options: RefreshOptions): RefreshResult {
  const version = gridInputs(db);
  const pendingUpTo = (db.prepare('SELECT MAX(id) FROM grid_pending_offers').pluck().get() as number | null) ?? 0;
  const runs = latestOkRuns(db);
  const reader = new OfferReader(db, options.extract);
  const scope = options.suppliers ? new Set(options.suppliers) : null;
  const offers = reader.live(scope);
  const evidence = gatherEvidence(offers.map((offer) => offer.attributes));
  const regions = resolveRegions(evidence);
  const groups = groupOffers(offers, regions);
  const ctx = context(db, currency, options, allLastChanges(db, runs), regions);
  const writer = gridWriter(db);
  const missing = new Set<string>();
  db.transaction(() => {
    const ids = rowIds(db, groups.keys(), true);
    writer.clear();
    // Written in key order, each table appended to rather than split all over: most of a rebuild's write cost.
    const rows = [...groups.keys()].sort((a, b) => ids.get(a)! - ids.get(b)!);
    for (const planKey of rows) {
      const row = materializeRow(planKey, groups.get(planKey)!, ctx);
      for (const code of row.missingRates) missing.add(code);
      writer.insertRow(ids.get(planKey)!, row);
    }
    const placements = [...groups].flatMap(([planKey, members]) => members.map((member) => ({ planKey, member })));
    placements.sort((a, b) => compareIdentity(a.member, b.member));
    for (const { planKey, member } of placements) writer.placeOffer(member, planKey);
    db.prepare('DELETE FROM grid_pending_offers WHERE id <= ?').run(pendingUpTo);
    recordBuilt(db, version, runs);
    writeState(db, 'grid.built', signature);
    writeState(db, MATERIALIZER_KEY, String(MATERIALIZER_VERSION));
    writeState(db, EVIDENCE_KEY, JSON.stringify(evidence));
  })();
  return {
    mode: 'full',
    rowsWritten: groups.size,
    rowsRestated: 0,
    rows: groups.size,
    offersRead: reader.stats.offersRead,
    attributesExtracted: reader.stats.attributesExtracted,
    currency,
    missingRates: [...missing].sort(),
  };
}

/** plan_offers' unique key order (near enough: only speed depends on it). */
function compareIdentity(a: OfferRef, b: OfferRef): number {
  const order = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return (
    order(a.supplier, b.supplier) ||
    order(a.productId, b.productId) ||
    order(a.skuId, b.skuId) ||
    order(a.variant, b.variant)
  );
}

/**
 * Row ids for these plan keys: a plan keeps its id across refreshes (an open detail panel or a selection still points
 * at it); new plans are numbered after the highest id ever held, in key order, so every way of building agrees.
 */
function rowIds(db: Database, planKeys: Iterable<string>, all = false): Map<string, number> {
  // A full rebuild asks for every key: one read of the whole (narrow) index beats a lookup per key.
  const everyId = all
    ? new Map(db.prepare('SELECT plan_key, id FROM plan_rows').raw().all() as Array<[string, number]>)
    : null;
  const lookup = db.prepare('SELECT id FROM plan_rows WHERE plan_key = ?').pluck();
  let nextId = ((db.prepare('SELECT MAX(id) FROM plan_rows').pluck().get() as number | null) ?? 0) + 1;
  const ids = new Map<string, number>();
  const fresh: string[] = [];
  for (const key of planKeys) {
    const id = everyId ? everyId.get(key) : (lookup.get(key) as number | undefined);
    if (id === undefined) fresh.push(key);
    else ids.set(key, id);
  }
  for (const key of fresh.sort()) ids.set(key, nextId++);
  return ids;
}

function recordBuilt(db: Database, version: GridInputs, runs: ReadonlyMap<string, number>): void {
  markGridFresh(db, JSON.stringify(version));
  writeState(db, BADGE_RUNS_KEY, JSON.stringify([...runs.values()].sort((a, b) => a - b)));
}

/** Null when only a full rebuild will do. Runs inside one write transaction. */
function patch(db: Database, currency: string, options: RefreshOptions): RefreshResult | null {
  const built = gridBuiltFrom(db);
  const now = gridInputs(db);
  if (!built || built.matching !== now.matching) return null;
  // A commit that bumped the catalog counter without advancing catalog.seq did not say which offers it changed.
  if (built.catalog !== now.catalog && built.catalogSeq === now.catalogSeq) return null;
  const catalogMoved = built.catalogSeq !== now.catalogSeq || built.offers !== now.offers;
  const pricesMoved = built.prices !== now.prices;
  const runs = latestOkRuns(db);
  const result: RefreshResult = {
    mode: 'fresh',
    rowsWritten: 0,
    rowsRestated: 0,
    rows: 0,
    offersRead: 0,
    attributesExtracted: 0,
    currency,
    missingRates: [],
  };
  if (!catalogMoved && !pricesMoved) {
    result.rows = countRows(db);
    return result;
  }
  const touched = catalogMoved
    ? touchedOffers(db, built.catalogSeq, options.suppliers ? new Set(options.suppliers) : null)
    : new Map<string, OfferRef>();
  // Patching costs several times a rebuild per offer (each drags its row's other members along): past this share, rebuild.
  if (
    touched.size >
    (options.patchLimit ?? PATCH_LIMIT) * (db.prepare('SELECT COUNT(*) FROM plan_offers').pluck().get() as number)
  )
    return null;
  const writer = gridWriter(db);
  const missing = new Set<string>();
  let rewritten = new Set<string>();
  if (catalogMoved) {
    const reader = new OfferReader(db, options.extract);
    const moves = readMoves(db, reader, touched);
    const regions = regionsAfter(db, moves);
    // The touched offers changed what a bundle name means: rows far from them may move, so rebuild.
    if (!regions) return null;
    const ctx = context(db, currency, options, lastChangesForPatch(db, runs), regions);
    const patched = patchTouchedRows(db, reader, moves, ctx, missing);
    rewritten = patched.rows;
    result.mode = 'incremental';
    result.rowsWritten += rewritten.size;
    result.rowsRestated = patched.restated;
    result.offersRead = reader.stats.offersRead;
    result.attributesExtracted = reader.stats.attributesExtracted;
    const before = readState(db, BADGE_RUNS_KEY);
    const current = [...runs.values()].sort((a, b) => a - b);
    if (before !== JSON.stringify(current)) writer.retireBadges(current);
  }
  if (pricesMoved) {
    if (!catalogMoved) result.mode = 'reprice';
    result.rowsWritten += repriceRows(
      db,
      context(db, currency, options, () => null, NO_REGIONS),
      rewritten,
      missing,
    );
  }
  recordBuilt(db, now, runs);
  result.rows = countRows(db);
  result.missingRates = [...missing].sort();
  return result;
}

function countRows(db: Database): number {
  return db.prepare('SELECT COUNT(*) FROM plan_rows').pluck().get() as number;
}

const PATCH_LIMIT = 0.2;

/** Offers stamped after `sinceSeq` by a commit, or queued by a manual link, keyed by supplierOfferKey. */
function touchedOffers(db: Database, sinceSeq: number, scope: ReadonlySet<string> | null): Map<string, OfferRef> {
  // Two statements, not one UNION: SQLite answers the UNION by scanning every offer (60 ms at 100k, not 2 ms).
  const stamped = db
    .prepare(
      'SELECT supplier_id AS supplier, product_id AS productId, sku_id AS skuId, variant FROM offers WHERE grid_seq > ?',
    )
    .all(sinceSeq) as OfferRef[];
  const queued = db
    .prepare(
      'SELECT supplier_id AS supplier, product_id AS productId, sku_id AS skuId, variant FROM grid_pending_offers',
    )
    .all() as OfferRef[];
  const touched = new Map<string, OfferRef>();
  for (const ref of [...stamped, ...queued])
    if (!scope || scope.has(ref.supplier)) touched.set(supplierOfferKey(ref), ref);
  return touched;
}

/** One touched offer: where the grid last placed it (and as what), and what it is now (null when gone). */
interface Move {
  ref: OfferRef;
  was: { planKey: string; member: GridInputOffer } | null;
  now: GridInputOffer | null;
}

function readMoves(db: Database, reader: OfferReader, touched: ReadonlyMap<string, OfferRef>): Map<string, Move> {
  const placedAt = db.prepare(
    'SELECT plan_key, member_json FROM plan_offers WHERE supplier_id = ? AND product_id = ? AND sku_id = ? AND variant = ?',
  );
  const moves = new Map<string, Move>();
  for (const [key, ref] of touched) {
    const placed = placedAt.get(ref.supplier, ref.productId, ref.skuId, ref.variant) as
      { plan_key: string; member_json: string } | undefined;
    const was = placed ? { planKey: placed.plan_key, member: JSON.parse(placed.member_json) as GridInputOffer } : null;
    moves.set(key, { ref, was, now: reader.current(ref) });
  }
  return moves;
}

/**
 * The regional evidence once these moves land, stored for the next patch; null when it changes what some bundle name
 * means (or was never recorded), which only a full rebuild can apply everywhere.
 */
function regionsAfter(db: Database, moves: ReadonlyMap<string, Move>): RegionResolution | null {
  const stored = readState(db, EVIDENCE_KEY);
  if (stored === null) return null;
  const evidence = JSON.parse(stored) as RegionEvidence;
  const before = resolveRegions(evidence);
  let moved = false;
  for (const { was, now } of moves.values()) {
    if (was && countClaim(evidence, was.member.attributes, -1)) moved = true;
    if (now && countClaim(evidence, now.attributes, 1)) moved = true;
  }
  if (!moved) return before;
  const after = resolveRegions(evidence);
  if (resolutionSignature(after) !== resolutionSignature(before)) return null;
  writeState(db, EVIDENCE_KEY, JSON.stringify(evidence));
  return after;
}

/**
 * Brings up to date the rows that held, or now hold, a touched offer. A row a touched offer joined or left, or whose
 * touched member moved in what grouping and search read from it, is rebuilt from its untouched members as plan_offers
 * kept them plus the touched offers as they stand now. Any other row (most of them: a price or stock moved) is
 * restated from the offers it shows, without reading its members back (or rebuilt, should its stored row be missing).
 * Returns the rows' plan keys and how many were restated.
 */
function patchTouchedRows(
  db: Database,
  reader: OfferReader,
  moves: ReadonlyMap<string, Move>,
  ctx: MaterializeContext,
  missing: Set<string>,
): { rows: Set<string>; restated: number } {
  db.exec('DELETE FROM grid_pending_offers');

  const affected = new Set<string>();
  const arriving = new Map<string, GridInputOffer[]>();
  const gone: OfferRef[] = [];
  const regrouped = new Set<string>();
  const restated = new Map<string, Map<string, GridInputOffer>>();
  for (const [key, { ref, was, now: offer }] of moves) {
    if (was !== null) affected.add(was.planKey);
    if (!offer) {
      if (was !== null) {
        gone.push(ref);
        regrouped.add(was.planKey);
      }
      continue;
    }
    const planKey = planKeyOf(offer, ctx.regions);
    affected.add(planKey);
    const joining = arriving.get(planKey);
    if (joining) joining.push(offer);
    else arriving.set(planKey, [offer]);
    if (was !== null && was.planKey === planKey && sameRowInputs(was.member, offer)) {
      const staying = restated.get(planKey);
      if (staying) staying.set(key, offer);
      else restated.set(planKey, new Map([[key, offer]]));
    } else {
      regrouped.add(planKey);
      if (was !== null) regrouped.add(was.planKey);
    }
  }

  const readShown = db.prepare('SELECT id, offers_json FROM plan_rows WHERE plan_key = ?');
  const shown = new Map<string, { id: number; offers: GridOffer[] }>();
  for (const planKey of restated.keys()) {
    if (regrouped.has(planKey)) continue;
    const stored = readShown.get(planKey) as { id: number; offers_json: string } | undefined;
    if (stored) shown.set(planKey, { id: stored.id, offers: JSON.parse(stored.offers_json) as GridOffer[] });
    else regrouped.add(planKey);
  }
  // Each regrouped row as it was built, read before plan_offers moves on: its untouched members, and what its side
  // tables hold.
  const before = new Map<string, GridInputOffer[]>();
  for (const planKey of regrouped) before.set(planKey, reader.placedIn(planKey));

  const writer = gridWriter(db);
  for (const ref of gone) writer.forgetOffer(ref);
  for (const [planKey, offers] of arriving) for (const offer of offers) writer.placeOffer(offer, planKey);

  const ids = rowIds(db, regrouped);
  const keys = new Map<GridInputOffer, string>();
  const keyOf = (offer: GridInputOffer) => {
    let key = keys.get(offer);
    if (key === undefined) keys.set(offer, (key = supplierOfferKey(offer)));
    return key;
  };
  for (const planKey of regrouped) {
    const previous = inCanonicalOrder(before.get(planKey)!, keyOf);
    const staying = previous.filter((offer) => !moves.has(keyOf(offer)));
    const members = inCanonicalOrder([...staying, ...(arriving.get(planKey) ?? [])], keyOf);
    const id = ids.get(planKey)!;
    if (members.length === 0) {
      writer.deleteRow(id);
      continue;
    }
    const row = materializeRow(planKey, members, ctx);
    for (const code of row.missingRates) missing.add(code);
    if (previous.length === 0) {
      writer.deleteRow(id);
      writer.insertRow(id, row);
    } else {
      writer.replaceRow(id, row, sideTables(previous, ctx.regions));
    }
  }
  for (const [planKey, { id, offers }] of shown) {
    const row = restateRow(planKey, offers, restated.get(planKey)!.values(), ctx, missing);
    writer.restateRow(id, row, memberEntries(offers));
  }
  return { rows: affected, restated: shown.size };
}

/**
 * Whether an offer, as the grid last placed it and as it is now, reads the same to grouping, a row's attributes and
 * countries, and search: then its row need only be restated.
 */
function sameRowInputs(was: GridInputOffer, now: GridInputOffer): boolean {
  return (
    was.linkKey === now.linkKey &&
    was.searchText === now.searchText &&
    JSON.stringify(was.attributes) === JSON.stringify(now.attributes)
  );
}

/** Reprices every row not in `skip` from the offers it holds; writes only rows whose priced columns changed. */
function repriceRows(db: Database, ctx: MaterializeContext, skip: ReadonlySet<string>, missing: Set<string>): number {
  const writer = gridWriter(db);
  const rows = db.prepare(`SELECT id, plan_key, ${PRICED_COLUMNS.join(', ')} FROM plan_rows`).all() as Array<
    PricedColumns & { id: number; plan_key: string }
  >;
  let written = 0;
  for (const stored of rows) {
    if (skip.has(stored.plan_key)) continue;
    const offers = JSON.parse(stored.offers_json) as GridOffer[];
    const columns = pricedColumns(priceRow(stored.plan_key, offers, ctx, missing));
    if (PRICED_COLUMNS.every((column) => columns[column] === stored[column])) continue;
    writer.updatePrices(stored.id, columns);
    written++;
  }
  return written;
}

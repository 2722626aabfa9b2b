import type { Database, Statement } from 'better-sqlite3';
import { offerKey, type Offer } from '../domain/offer';
import { skippedText } from '../../src-shared/skipped-text';
import type { SkippedItem } from '../../src-shared/sync-types';

/** The columns of an offer a listing decides; an offer whose stored values of these all match is not written. */
export const OFFER_CONTENT_COLUMNS = [
  'kind',
  'titles_json',
  'category_json',
  'cost_amount',
  'cost_currency',
  'retail_json',
  'original_json',
  'stock_status',
  'stock_quantity',
  'min_quantity',
  'max_quantity',
  'fulfillment_json',
  'images_json',
  'plan_json',
  'orderable',
  'raw_json',
  'tiers_json',
  'item_fingerprint',
] as const;

/**
 * JSON text of the parts of offers, each object serialized once: the SKUs of one product share its category, images,
 * fulfilment and raw product, and a 100k-offer listing would otherwise serialize each of them once per SKU.
 * One per page; a listed offer, and every part it shares, is never changed afterwards (Offer's contract).
 */
class SharedJson {
  private readonly texts = new Map<object, string>();

  /**
   * @param lasting texts kept across pages, for parts shared across them (a category's ref is shared by all of its
   * products); weakly held, so parts that are not shared are not kept alive.
   */
  constructor(private readonly lasting: WeakMap<object, string>) {}

  of(value: unknown): string {
    if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
    let text = this.texts.get(value);
    if (text === undefined) {
      text = JSON.stringify(value);
      this.texts.set(value, text);
    }
    return text;
  }

  ofLasting(value: object): string {
    let text = this.lasting.get(value);
    if (text === undefined) {
      text = JSON.stringify(value);
      this.lasting.set(value, text);
    }
    return text;
  }

  /** Exactly JSON.stringify(value) for a plain object, its members serialized through the cache. */
  ofMembers(value: unknown): string {
    if (
      value === null ||
      typeof value !== 'object' ||
      Array.isArray(value) ||
      Object.getPrototypeOf(value) !== Object.prototype
    )
      return this.of(value);
    const parts: string[] = [];
    for (const key of Object.keys(value)) {
      const member = (value as Record<string, unknown>)[key];
      if (member === undefined || typeof member === 'function' || typeof member === 'symbol') continue;
      parts.push(`${JSON.stringify(key)}:${this.of(member)}`);
    }
    return `{${parts.join(',')}}`;
  }
}

/** An offer's key and OFFER_CONTENT_COLUMNS values, in statement order, bound by position. */
function offerContentValues(
  offer: Offer,
  json: SharedJson,
  itemFingerprint: string | null,
): Array<string | number | null> {
  return [
    offer.productId,
    offer.skuId,
    offer.variant,
    offer.kind,
    JSON.stringify(offer.titles),
    offer.category ? json.ofLasting(offer.category) : null,
    offer.cost.amount,
    offer.cost.currency,
    offer.retailPrice ? JSON.stringify(offer.retailPrice) : null,
    offer.originalPrice ? JSON.stringify(offer.originalPrice) : null,
    offer.stock.status,
    offer.stock.quantity,
    offer.minQuantity,
    offer.maxQuantity,
    json.of(offer.fulfillment),
    json.of(offer.images),
    JSON.stringify(offer.plan),
    offer.orderable ? 1 : 0,
    json.ofMembers(offer.raw ?? null),
    tiersJson(offer),
    itemFingerprint,
  ];
}

function tiersJson(offer: Offer): string | null {
  return offer.quantityTiers?.length ? JSON.stringify(offer.quantityTiers) : null;
}

/**
 * One run's listing, staged page by page in TEMP tables as it arrives, so a 100k-offer catalog never sits in memory as
 * JS objects. TEMP tables belong to this connection alone and live outside the database file: staging takes no lock
 * on the catalog, and a process killed mid-sync leaves nothing behind in the file. Names carry the run id, so
 * suppliers syncing at once over one connection each have their own.
 */
export class CatalogStaging {
  /** Staged offers, keyed like offers (without the supplier). */
  readonly offers: string;
  /** Products a 'changes' listing named, with offers or unreadable: each is listed whole. A full listing keeps none. */
  readonly listed: string;
  /** Products a 'changes' listing reported deactivated upstream. */
  readonly removed: string;
  /** Work table of the commit: the keys whose offers differ between staging and the live catalog. */
  readonly candidates: string;
  /** Fingerprints of the items a full listing reused unread (CatalogPage.keptItems): their live offers stay. */
  readonly kept: string;
  private readonly insertOffer: Statement;
  private readonly insertListed: Statement;
  private readonly insertRemoved: Statement;
  private readonly insertKept: Statement;
  private dropped = false;
  private readonly categoryTexts = new WeakMap<object, string>();
  /** Each staged key with the fingerprint of the item it came from. */
  private readonly stagedKeys = new Map<string, string | null>();
  /** Fingerprints of items that listed a key another item (or the same one) listed too: never to be reused. */
  private readonly listedTwice = new Set<string>();
  private indexed = false;
  /**
   * Whether one fingerprint was reused twice in this listing: an item listed twice exactly alike, which reading would
   * report as listed twice. The commit then refuses the reuse (ReusedItemsMoved) and the listing is read in full.
   */
  keptTwice = false;

  constructor(
    private readonly db: Database,
    runId: number,
  ) {
    if (!Number.isSafeInteger(runId) || runId < 0) throw new Error(`bad run id ${runId}`);
    this.offers = `temp.sync_stage_offers_${runId}`;
    this.listed = `temp.sync_stage_listed_${runId}`;
    this.removed = `temp.sync_stage_removed_${runId}`;
    this.candidates = `temp.sync_stage_candidates_${runId}`;
    this.kept = `temp.sync_stage_kept_${runId}`;
    this.drop();
    this.dropped = false;
    // Staging is thrown away on any failure: a rollback journal on disk, made and unlinked for every page's
    // transaction, buys nothing. In memory it still undoes a page that fails halfway.
    db.pragma('temp.journal_mode = MEMORY');
    const content = OFFER_CONTENT_COLUMNS.join(', ');
    // No index while pages arrive: each would be paid for row by row. Duplicates are caught by key in memory (a key
    // is ~50 bytes; the rows, raw JSON and all, are what must not sit in memory), and the commit indexes the table once.
    db.exec(`CREATE TABLE ${this.offers} (product_id TEXT NOT NULL, sku_id TEXT NOT NULL, variant TEXT NOT NULL, ${content});
      CREATE TABLE ${this.listed} (product_id TEXT PRIMARY KEY) WITHOUT ROWID;
      CREATE TABLE ${this.removed} (product_id TEXT PRIMARY KEY) WITHOUT ROWID;
      CREATE TABLE ${this.candidates} (product_id TEXT NOT NULL, sku_id TEXT NOT NULL, variant TEXT NOT NULL, live INTEGER NOT NULL);
      CREATE TABLE ${this.kept} (fingerprint TEXT PRIMARY KEY) WITHOUT ROWID;`);
    this.insertOffer = db.prepare(`INSERT INTO ${this.offers} (product_id, sku_id, variant, ${content})
      VALUES (?, ?, ?, ${OFFER_CONTENT_COLUMNS.map(() => '?').join(', ')})`);
    this.insertListed = db.prepare(`INSERT OR IGNORE INTO ${this.listed} (product_id) VALUES (?)`);
    this.insertRemoved = db.prepare(`INSERT OR IGNORE INTO ${this.removed} (product_id) VALUES (?)`);
    this.insertKept = db.prepare(`INSERT OR IGNORE INTO ${this.kept} (fingerprint) VALUES (?)`);
  }

  /**
   * Stages one page in one transaction; returns what it had to skip as listed twice. The products a 'changes' page
   * names are kept too (the commit's removals are scoped to them); a full listing's commit has no use for them.
   * `itemFingerprints` runs beside `offers` (CatalogPage's); `keptItems` are the items reused unread.
   */
  addPage(page: {
    offers: readonly Offer[];
    skipped: readonly SkippedItem[];
    scope: 'full' | 'changes';
    removedProducts?: readonly string[];
    itemFingerprints?: ReadonlyArray<string | null>;
    keptItems?: readonly string[];
  }): SkippedItem[] {
    const { offers, skipped, scope, removedProducts = [], itemFingerprints, keptItems = [] } = page;
    if (itemFingerprints && itemFingerprints.length !== offers.length)
      throw new Error(`a page of ${offers.length} offers came with ${itemFingerprints.length} item fingerprints`);
    const duplicates: SkippedItem[] = [];
    const json = new SharedJson(this.categoryTexts);
    const listed = new Set<string>();
    this.db.transaction(() => {
      for (const fingerprint of keptItems) if (this.insertKept.run(fingerprint).changes === 0) this.keptTwice = true;
      offers.forEach((offer, index) => {
        const key = offerKey(offer);
        const fingerprint = itemFingerprints?.[index] ?? null;
        if (this.stagedKeys.has(key)) {
          // Reusing either item later would not report this again, and would keep whichever offer it holds: both are
          // read again next time, as a full listing reads them.
          const first = this.stagedKeys.get(key);
          if (first) this.listedTwice.add(first);
          if (fingerprint) this.listedTwice.add(fingerprint);
          // The first copy of an offer listed twice is kept; the caller hears about the second.
          duplicates.push({
            where: offer.variant
              ? skippedText('where.offerVariant', {
                  product: offer.productId,
                  sku: offer.skuId,
                  variant: offer.variant,
                })
              : skippedText('where.offer', { product: offer.productId, sku: offer.skuId }),
            reason: skippedText('skip.listedTwice'),
          });
          return;
        }
        this.stagedKeys.set(key, fingerprint);
        this.insertOffer.run(offerContentValues(offer, json, fingerprint));
        if (scope === 'changes') listed.add(offer.productId);
      });
      if (scope !== 'changes') return;
      for (const item of skipped) if (item.productId !== undefined) listed.add(item.productId);
      for (const productId of listed) this.insertListed.run(productId);
      for (const productId of removedProducts) this.insertRemoved.run(productId);
    })();
    return duplicates;
  }

  /**
   * Indexes the staged offers by key, once the listing is complete: the commit joins them with the live catalog.
   * A table filled first and indexed after costs a fraction of one indexed row by row.
   */
  indexByKey(): void {
    // Offers of an item that listed a key twice are staged without its fingerprint: one pass, however many items.
    if (this.listedTwice.size > 0)
      this.db
        .prepare(
          `UPDATE ${this.offers} SET item_fingerprint = NULL WHERE item_fingerprint IN (SELECT value FROM json_each(?))`,
        )
        .run(JSON.stringify([...this.listedTwice]));
    this.listedTwice.clear();
    if (this.indexed) return;
    this.indexed = true;
    const [schema, table] = this.offers.split('.');
    this.db.exec(`CREATE UNIQUE INDEX ${schema}.${table}_key ON ${table} (product_id, sku_id, variant)`);
  }

  /** Forgets everything staged so far (the listing started over); the tables stay for the pages to come. */
  clear(): void {
    this.stagedKeys.clear();
    this.listedTwice.clear();
    this.keptTwice = false;
    this.db.exec(
      [this.offers, this.listed, this.removed, this.candidates, this.kept]
        .map((table) => `DELETE FROM ${table};`)
        .join('\n'),
    );
  }

  drop(): void {
    if (this.dropped) return;
    this.dropped = true;
    this.db.exec(
      [this.offers, this.listed, this.removed, this.candidates, this.kept]
        .map((table) => `DROP TABLE IF EXISTS ${table};`)
        .join('\n'),
    );
  }
}

import type { Database } from 'better-sqlite3';
import { parseTitles } from '../db/offer-lookups';
import type { OfferKind, Stock } from '../domain/offer';
import { extractAttributes, type PlanAttributes } from '../domain/plan-attributes';
import { offerSearchText } from '../domain/search-text';
import type { GridInputOffer } from './materialize';
import type { OfferRef } from '../../src-shared/grid-types';

// Reads what the materializer needs from the catalog: offers (with the merchant's links) and the latest ok runs; the
// changes those runs logged are changes-repo's.

interface OfferRow {
  supplier_id: string;
  product_id: string;
  sku_id: string;
  variant: string;
  kind: OfferKind;
  titles_json: string;
  category_json: string | null;
  cost_amount: string;
  cost_currency: string;
  stock_status: Stock['status'];
  stock_quantity: number | null;
  plan_json: string;
  orderable: number;
  removed_at: string | null;
  link_key: string | null;
}

const OFFER_COLUMNS = `o.supplier_id, o.product_id, o.sku_id, o.variant, o.kind, o.titles_json, o.category_json, o.cost_amount,
  o.cost_currency, o.stock_status, o.stock_quantity, o.plan_json, o.orderable, o.removed_at, l.plan_key AS link_key`;
const LINKS =
  'LEFT JOIN plan_links l ON l.supplier_id = o.supplier_id AND l.product_id = o.product_id AND l.sku_id = o.sku_id AND l.variant = o.variant';
const WITH_LINKS = `offers o ${LINKS}`;

/** Counts what a refresh had to read and extract: a reprice reads no offer and extracts nothing. */
export interface ReadStats {
  offersRead: number;
  attributesExtracted: number;
}

export type Extractor = typeof extractAttributes;

// Extraction and search folding depend only on an offer's text, which rarely changes between refreshes: remember them
// by that text. Bounded, so a long-running app cannot grow without end.
const MEMO_LIMIT = 250_000;
const attributesMemo = new Map<string, PlanAttributes>();
const searchMemo = new Map<string, string>();

export class OfferReader {
  readonly stats: ReadStats = { offersRead: 0, attributesExtracted: 0 };
  private readonly byKey;
  private readonly byPlan;

  constructor(
    private readonly db: Database,
    private readonly extract: Extractor = extractAttributes,
  ) {
    this.byKey = db.prepare(
      `SELECT ${OFFER_COLUMNS} FROM ${WITH_LINKS} WHERE o.supplier_id = ? AND o.product_id = ? AND o.sku_id = ? AND o.variant = ?`,
    );
    this.byPlan = db.prepare('SELECT member_json FROM plan_offers WHERE plan_key = ?').pluck();
  }

  /** Every live offer (of the given suppliers). */
  live(suppliers: ReadonlySet<string> | null): GridInputOffer[] {
    const rows = this.db
      .prepare(`SELECT ${OFFER_COLUMNS} FROM ${WITH_LINKS} WHERE o.removed_at IS NULL`)
      .all() as OfferRow[];
    const inScope = suppliers ? rows.filter((row) => suppliers.has(row.supplier_id)) : rows;
    return inScope.map((row) => this.toInput(row));
  }

  /** One offer as it stands now; null when it is gone (removed, or never stored). */
  current(ref: OfferRef): GridInputOffer | null {
    const row = this.byKey.get(ref.supplier, ref.productId, ref.skuId, ref.variant) as OfferRow | undefined;
    return row && row.removed_at === null ? this.toInput(row) : null;
  }

  /**
   * The offers the grid last placed in a plan row, as they were materialized then. Only the untouched ones still stand
   * so: every change to an offer or its link stamps or queues it, and the caller takes touched offers from current().
   */
  placedIn(planKey: string): GridInputOffer[] {
    return (this.byPlan.all(planKey) as string[]).map((json) => JSON.parse(json) as GridInputOffer);
  }

  private toInput(row: OfferRow): GridInputOffer {
    this.stats.offersRead++;
    const titles = parseTitles(row.titles_json);
    const category = row.category_json ? (JSON.parse(row.category_json) as { id: string }) : null;
    return {
      supplier: row.supplier_id,
      productId: row.product_id,
      skuId: row.sku_id,
      variant: row.variant,
      kind: row.kind,
      titles,
      cost: { amount: row.cost_amount, currency: row.cost_currency },
      stock: { status: row.stock_status, quantity: row.stock_quantity },
      orderable: row.orderable === 1,
      categoryId: category?.id ?? null,
      attributes: this.attributes(row),
      searchText: memoSearchText(row.titles_json, titles),
      linkKey: row.link_key,
    };
  }

  private attributes(row: OfferRow): PlanAttributes {
    this.stats.attributesExtracted++;
    // The memo is only for the real extractor: an injected one (a test's counter) sees every call.
    if (this.extract !== extractAttributes)
      return this.extract({ titles: parseTitles(row.titles_json), kind: row.kind, plan: JSON.parse(row.plan_json) });
    const key = `${row.kind}\u0001${row.titles_json}\u0001${row.plan_json}`;
    let attributes = attributesMemo.get(key);
    if (!attributes) {
      if (attributesMemo.size >= MEMO_LIMIT) attributesMemo.clear();
      attributes = extractAttributes({
        titles: parseTitles(row.titles_json),
        kind: row.kind,
        plan: JSON.parse(row.plan_json),
      });
      attributesMemo.set(key, attributes);
    }
    return attributes;
  }
}

function memoSearchText(titlesJson: string, titles: Record<string, string>): string {
  let text = searchMemo.get(titlesJson);
  if (text === undefined) {
    if (searchMemo.size >= MEMO_LIMIT) searchMemo.clear();
    text = offerSearchText(Object.values(titles));
    searchMemo.set(titlesJson, text);
  }
  return text;
}

/** The latest run of every supplier that has one, when it succeeded: its changes are the "last sync" badges. */
export function latestOkRuns(db: Database): Map<string, number> {
  const rows = db
    .prepare(
      `SELECT supplier_id, id, status FROM sync_runs WHERE id IN (SELECT MAX(id) FROM sync_runs GROUP BY supplier_id)`,
    )
    .all() as Array<{ supplier_id: string; id: number; status: string }>;
  return new Map(rows.filter((row) => row.status === 'ok').map((row) => [row.supplier_id, row.id]));
}

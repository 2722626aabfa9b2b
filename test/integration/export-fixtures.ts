import type { Database } from 'better-sqlite3';
import { commitCatalog, startRun } from '../../src-main/db/catalog-repo';
import type { Offer } from '../../src-main/domain/offer';
import { setManualRates } from '../../src-main/pricing/rates-service';
import { saveRuleSet } from '../../src-main/pricing/rules-store';

/** One eSIM offer with structured plan facts, so plans match across suppliers without title parsing. */
export interface PlanSpec {
  id: string;
  countries: string[];
  mb: number;
  days: number;
  cost: string;
  currency?: string;
  /** null = unlimited; a number = that many left (0 = sold out). */
  stock?: number | null;
  titles?: Record<string, string>;
}

export function esimOffer(spec: PlanSpec): Offer {
  const stock = spec.stock === undefined ? 50 : spec.stock;
  return {
    productId: `p-${spec.id}`,
    skuId: `s-${spec.id}`,
    variant: '',
    kind: 'esim',
    titles: spec.titles ?? { en: `${spec.countries.join('/')} ${spec.mb}MB ${spec.days} days` },
    category: null,
    cost: { amount: spec.cost, currency: spec.currency ?? 'USD' },
    retailPrice: null,
    originalPrice: null,
    stock:
      stock === null
        ? { status: 'unlimited', quantity: null }
        : { status: stock === 0 ? 'out' : stock <= 20 ? 'low' : 'in_stock', quantity: stock },
    minQuantity: null,
    maxQuantity: null,
    fulfillment: { mode: 'auto', inputFields: [] },
    images: [],
    plan: { countries: spec.countries, dataMB: spec.mb, days: spec.days },
    orderable: true,
    raw: null,
  };
}

/** A whole supplier catalog committed the way a sync commits it (one run, one transaction). */
export function commitSupplier(db: Database, supplierId: string, offers: Offer[]): void {
  commitCatalog(db, startRun(db, supplierId, 'synthetic'), supplierId, offers, []);
}

/** USD merchant, CNY at 0.14, every price = cost + 20% rounded to the cent: sale prices easy to predict. */
export function simplePricing(db: Database): void {
  setManualRates(db, { CNY: '0.14', EUR: '1.10' });
  saveRuleSet(db, {
    currency: 'USD',
    rules: [{ id: 'all', scope: { type: 'all' }, percent: '20', rounding: { mode: 'none' } }],
    locks: [],
  });
}

/** A small RFC 4180 reader for checking what was written (quoted fields, doubled quotes, CRLF). */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') {
        quoted = false;
      } else {
        field += char;
      }
    } else if (char === '"') {
      quoted = true;
    } else if (char === ',') {
      record.push(field);
      field = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else {
      field += char;
    }
  }
  if (field !== '' || record.length) {
    record.push(field);
    records.push(record);
  }
  return records;
}

/** Header + rows of a written export, as objects keyed by header (BOM removed). */
export function readRows(text: string): { header: string[]; rows: Array<Record<string, string>> } {
  const [header, ...rest] = parseCsv(text.replace(/^\uFEFF/, ''));
  return { header, rows: rest.map((cells) => Object.fromEntries(header.map((name, index) => [name, cells[index]]))) };
}

import { skippedText } from '../../../src-shared/skipped-text';
import type { SkippedItem } from '../../../src-shared/sync-types';

/** One F002 product beside what the Chinese listing and F003 said about the same sku, still unvalidated. */
export interface JoinedSku {
  product: unknown;
  chineseName: unknown;
  prices: unknown;
  raw: unknown;
  /** 1-based place in the English F002 answer, for skip reports a merchant can look up. */
  position: number;
}

/**
 * Joins the three catalog answers by skuId. The English F002 listing decides which skus exist: prices or
 * Chinese names for skus it does not list are ignored (the answers are taken moments apart and may differ).
 * A product F003 does not price still goes through, so validation reports it instead of it vanishing.
 */
export function joinListings(
  english: unknown[],
  chinese: unknown[],
  prices: unknown[],
): { items: JoinedSku[]; skipped: SkippedItem[] } {
  const skipped: SkippedItem[] = [];
  const chineseNames = new Map<string, unknown>();
  for (const entry of chinese) {
    const sku = skuOf(entry);
    if (sku !== null && !chineseNames.has(sku)) chineseNames.set(sku, (entry as Record<string, unknown>).name);
  }
  const priceEntries = new Map<string, unknown>();
  prices.forEach((entry, index) => {
    const sku = skuOf(entry);
    if (sku === null) {
      skipped.push({
        where: skippedText('where.tradeItem', { trade: 'F003', position: index + 1 }),
        reason: skippedText('skip.pricesWithoutSku', { field: 'skuId' }),
      });
    } else if (priceEntries.has(sku)) {
      skipped.push({
        where: skippedText('where.tradeItemSku', { trade: 'F003', position: index + 1, sku }),
        reason: skippedText('skip.pricedTwice', { trade: 'F003' }),
      });
    } else {
      priceEntries.set(sku, entry);
    }
  });
  const items: JoinedSku[] = [];
  const seen = new Set<string>();
  english.forEach((product, index) => {
    const sku = skuOf(product);
    if (sku !== null && seen.has(sku)) {
      skipped.push({
        where: skippedText('where.tradeItemSku', { trade: 'F002', position: index + 1, sku }),
        reason: skippedText('skip.listedTwiceIn', { trade: 'F002' }),
      });
      return;
    }
    if (sku !== null) seen.add(sku);
    items.push({
      product,
      chineseName: sku === null ? undefined : chineseNames.get(sku),
      prices: sku === null ? undefined : priceEntries.get(sku),
      raw: product,
      position: index + 1,
    });
  });
  return { items, skipped };
}

/** Where a joined item sat in the English F002 answer, as a coded text. */
export function describeJoined(item: unknown): string {
  const joined = item as JoinedSku;
  const sku = skuOf(joined.product);
  return sku !== null
    ? skippedText('where.tradeItemSku', { trade: 'F002', position: joined.position, sku })
    : skippedText('where.tradeItem', { trade: 'F002', position: joined.position });
}

function skuOf(entry: unknown): string | null {
  if (!entry || typeof entry !== 'object') return null;
  const sku = (entry as Record<string, unknown>).skuId;
  if (typeof sku !== 'string' && typeof sku !== 'number') return null;
  const text = String(sku).trim();
  return text === '' ? null : text;
}

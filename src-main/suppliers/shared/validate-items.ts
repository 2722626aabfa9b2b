import type { z } from 'zod';
import type { SkippedItem } from '../../../src-shared/sync-types';
import { SupplierError } from '../../http/errors';
import { offerProblem, type Offer } from '../../domain/offer';
import { offerProblemText, skippedText } from '../../../src-shared/skipped-text';
import type { CatalogPage } from '../adapter';
import { issuesText } from './issue-text';
import { supplierText } from './supplier-text';

/** How a page's items may be reused between full listings (FetchOptions.reusable, CatalogPage.keptItems). */
export interface ItemReuse {
  /** The item's fingerprint (itemFingerprint, over the raw item and all else its mapping reads); null: never reused. */
  fingerprint: (raw: unknown, index: number) => string | null;
  /** FetchOptions.reusable: absent on a full listing, where every item is read. */
  reusable?: (fingerprint: string) => boolean;
}

/**
 * Validates and maps one page of upstream items. A bad item is skipped with its reason; a page where most
 * items are bad means the upstream is broken (or we misread it), so the whole fetch fails instead.
 * With `reuse`, each offer carries its item's fingerprint, and an item a live offer was mapped from, unchanged, is
 * not read at all (keptItems). Only an item whose every offer was stored gets a fingerprint: one with a skip inside
 * is read again each time, so its skip is reported each time, as a full listing would.
 */
export function mapPageItems<Item>(...args: Parameters<typeof mapItems<Item>>): CatalogPage {
  const items = args[0];
  const { page, badItems } = mapItems(...args);
  if (items.length > 0 && badItems * 2 > items.length) {
    throw new SupplierError(
      supplierText('supplier.malformedPage', {
        bad: badItems,
        total: items.length,
        first: page.skipped[0].where,
        reason: page.skipped[0].reason,
      }),
      'malformed_page',
    );
  }
  return page;
}

/**
 * Validates and maps items each on its own account, as mapPageItems does, without judging them together: for items
 * that are not a page of a listing (products read one by one), where one bad item says nothing of the others.
 */
export function mapItems<Item>(
  items: unknown[],
  schema: z.ZodType<Item>,
  map: (item: Item) => Offer[],
  /** Where the raw item sat, as a coded text (describeItem). */
  describe: (raw: unknown, index: number) => string,
  /** The Offer.productId (and skuId, when narrower) a raw item maps to, so a bad item keeps its last good offers. */
  identify: (raw: unknown) => { productId?: unknown; skuId?: unknown } = defaultIdentify,
  reuse?: ItemReuse,
): { page: CatalogPage; badItems: number } {
  const offers: Offer[] = [];
  const skipped: SkippedItem[] = [];
  const itemFingerprints: Array<string | null> = [];
  const keptItems: string[] = [];
  let badItems = 0;
  items.forEach((raw, index) => {
    const fingerprint = reuse ? reuse.fingerprint(raw, index) : null;
    if (fingerprint !== null && reuse?.reusable?.(fingerprint)) {
      keptItems.push(fingerprint);
      return;
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      badItems++;
      // Parsed again with the input reported, so that a missing field reads as missing rather than as one of another
      // type: reporting it on every item makes each parse about 40% dearer, for a text only a bad item needs.
      const reported = schema.safeParse(raw, { reportInput: true });
      const reason = issuesText(reported.success ? parsed.error : reported.error);
      skipped.push({ where: describe(raw, index), reason, ...productIdOf(raw, identify) });
      return;
    }
    let mapped: Offer[];
    try {
      mapped = map(parsed.data);
    } catch (error) {
      badItems++;
      skipped.push({ where: describe(raw, index), reason: (error as Error).message, ...productIdOf(raw, identify) });
      return;
    }
    // The same rules for every supplier, whatever its schema let through: an offer is stored valid or not at all.
    let kept = 0;
    const firstOffer = offers.length;
    for (const offer of mapped) {
      const problem = offerProblem(offer);
      if (problem === null) {
        offers.push(offer);
        itemFingerprints.push(fingerprint);
        kept++;
        continue;
      }
      const where = describe(raw, index);
      skipped.push({
        where: offer.variant
          ? skippedText('where.skuVariant', { in: where, sku: offer.skuId, variant: offer.variant })
          : skippedText('where.sku', { in: where, sku: offer.skuId }),
        reason: offerProblemText(problem),
        productId: String(offer.productId),
        skuId: String(offer.skuId),
      });
    }
    if (mapped.length > 0 && kept === 0) badItems++;
    // An item with a skip inside is read again each time, so that its skip is reported each time (staging does the
    // same for an item that lists a key twice).
    if (kept < mapped.length) itemFingerprints.fill(null, firstOffer);
  });
  return { page: reuse ? { offers, skipped, itemFingerprints, keptItems } : { offers, skipped }, badItems };
}

function defaultIdentify(raw: unknown): { productId?: unknown } {
  const item = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  return { productId: item.id ?? item.skuId };
}

function productIdOf(
  raw: unknown,
  identify: (raw: unknown) => { productId?: unknown; skuId?: unknown },
): { productId?: string; skuId?: string } {
  let ids: { productId?: unknown; skuId?: unknown };
  try {
    ids = identify(raw);
  } catch {
    return {};
  }
  const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : undefined);
  const productId = text(ids.productId);
  const skuId = text(ids.skuId);
  return productId === undefined ? {} : { productId, ...(skuId !== undefined ? { skuId } : {}) };
}

const ITEM_WITH_ID = { id: 'where.itemId', product: 'where.itemProduct' } as const;

/**
 * Where an item sat, naming its id when it has one, so a merchant can find it upstream: "page 2, item 11 (product 51)",
 * as a coded text. `where` is the part of the listing (coded too), `position` counts from 1, `idKind` names the id.
 */
export function describeItem(
  where: string,
  position: number,
  id?: unknown,
  idKind: keyof typeof ITEM_WITH_ID = 'id',
): string {
  return typeof id === 'string' || typeof id === 'number'
    ? skippedText(ITEM_WITH_ID[idKind], { in: where, position, id })
    : skippedText('where.item', { in: where, position });
}

/** A field of a raw item, when the item is an object: how describers read an id before the item is validated. */
export function rawField(raw: unknown, key: string): unknown {
  return raw && typeof raw === 'object' ? (raw as Record<string, unknown>)[key] : undefined;
}

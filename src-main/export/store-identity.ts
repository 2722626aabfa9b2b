import { createHash } from 'node:crypto';

const READABLE_PART_MAX = 60;

/**
 * The product's identity in the merchant's store (Shopify handle, WooCommerce and Dujiao-Next SKU): derived
 * from the plan key, so the same plan lands on the same product at every export and a re-import updates it
 * instead of duplicating it. Readable words from the key, then a short hash of the whole key, because the
 * readable part is cut and folded (two keys may fold to the same words, the hash never does).
 * `plan|HK,MO|5120|total|7d` → `hk-mo-5120-total-7d-1f3a9c2e`.
 */
export function storeHandle(planKey: string): string {
  const words = planKey
    .replace(/^(plan|goods)\|/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, READABLE_PART_MAX)
    .replace(/^-+|-+$/g, '');
  const hash = createHash('sha256').update(planKey).digest('hex').slice(0, 8);
  return words ? `${words}-${hash}` : hash;
}

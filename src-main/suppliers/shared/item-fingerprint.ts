import { hash } from 'node:crypto';

/**
 * Bumped whenever what an adapter maps from an item changes meaning (a new field read, a rule changed): items
 * fingerprinted by an older mapping are then read again at once, not only at the next full listing.
 */
const MAPPING_REVISION = 1;

/**
 * The fingerprint of one listing item: a digest of everything its offers are mapped from, the item as listed and
 * whatever else the mapping reads (the account currency, the countries that listed it, …). Two equal fingerprints mean
 * the mapping would make the same offers, so a listing may reuse the live ones instead of reading the item again.
 * What no fingerprint can cover (a mapping changed without MAPPING_REVISION) is caught by the next full listing,
 * which reads every item (FetchOptions.reusable is absent then).
 */
export function itemFingerprint(supplierKind: string, inputs: unknown): string {
  return hash('sha1', JSON.stringify([MAPPING_REVISION, supplierKind, inputs]), 'base64url');
}

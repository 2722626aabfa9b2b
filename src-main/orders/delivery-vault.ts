import type { SecretBox } from '../secrets/secret-box';
import type { Delivery } from '../../src-shared/order-types';
import { maskDelivery } from './delivery-mask';

/**
 * A delivered activation code (and the LPA holding it), card number and PIN are as good as money to whoever reads
 * them, so the database keeps them like supplier credentials: sealed by the data key (secrets/secret-box.ts).
 *
 * The `delivery_json` column holds `{"sealed":{"keyId","data"},"masked":{…}}`: the whole delivery sealed, beside the
 * masked copy every list, event, export and `orders --json` shows, so showing an order never needs the key. A column
 * without `sealed` is a delivery written before deliveries were sealed (plain Delivery JSON, which never has that
 * key): it is still read, masked on the way out, and sealed by `sealClearDeliveries` the next time orders are opened.
 */
export type StoredDelivery = { kind: 'clear'; delivery: Delivery } | { kind: 'sealed'; keyId: string; data: string };

interface SealedColumn {
  sealed: { keyId: string; data: string };
  masked: Delivery | null;
}

export function readDeliveryColumn(json: string | null): { masked: Delivery | null; stored: StoredDelivery | null } {
  if (!json) return { masked: null, stored: null };
  const parsed = JSON.parse(json) as Partial<SealedColumn> & Delivery;
  if (parsed.sealed && typeof parsed.sealed.keyId === 'string' && typeof parsed.sealed.data === 'string') {
    return {
      masked: parsed.masked ?? null,
      stored: { kind: 'sealed', keyId: parsed.sealed.keyId, data: parsed.sealed.data },
    };
  }
  return { masked: maskDelivery(parsed), stored: { kind: 'clear', delivery: parsed } };
}

/** The column's value for this delivery: sealed under `box`, with its masked copy. */
export function sealedDeliveryColumn(box: SecretBox, delivery: Delivery | null): string | null {
  if (!delivery) return null;
  const column: SealedColumn = {
    sealed: { keyId: box.keyId, data: box.seal(JSON.stringify(delivery)).toString('base64') },
    masked: maskDelivery(delivery),
  };
  return JSON.stringify(column);
}

/** Thrown when a delivery was sealed under another data key than this process holds. */
export class ForeignKeyDeliveryError extends Error {
  constructor() {
    super(
      'its delivery was sealed with another data key than this one (the desktop app keeps its key in the operating system keychain, ' +
        "the command line and the browser preview in the data folder's key file): reveal it where it was ordered",
    );
    this.name = 'ForeignKeyDeliveryError';
  }
}

export function openStoredDelivery(box: SecretBox, stored: StoredDelivery | null): Delivery | null {
  if (!stored) return null;
  if (stored.kind === 'clear') return stored.delivery;
  if (stored.keyId !== box.keyId) throw new ForeignKeyDeliveryError();
  return JSON.parse(box.open(Buffer.from(stored.data, 'base64'))) as Delivery;
}

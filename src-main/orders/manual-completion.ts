import { lpaFromText, type ActivationCode } from '../domain/lpa';
import type { PushNotifications } from '../suppliers/adapter';
import type { PushEntries } from './push-receiver';
import { lpaProblemText, orderText } from '../../src-shared/order-notes';

/** What a merchant pasted to complete an order by hand. */
export type Pasted =
  { kind: 'lpa'; code: ActivationCode } | { kind: 'push'; body: Buffer } | { kind: 'invalid'; reason: string };

/**
 * A JSON object is a supplier's notification body (BillionConnect's N009, copied from its portal or a log);
 * anything else must be an activation code, or Apple's setup link around one.
 */
export function readPasted(text: string): Pasted {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) return { kind: 'push', body: Buffer.from(trimmed, 'utf8') };
  const lpa = lpaFromText(trimmed);
  return lpa.ok
    ? { kind: 'lpa', code: lpa.value }
    : { kind: 'invalid', reason: orderText('orderError.notPasteable', { reason: lpaProblemText(lpa.problem) }) };
}

/**
 * Reads a pasted body through the supplier's own `push.read`, the same code a received push goes through. A
 * pasted body arrives without the supplier's headers, so it has no signature to check: the merchant copying it
 * out of the supplier's own portal is what vouches for it, and the reader skips only that check.
 */
export function readPastedPush(push: PushNotifications, body: Buffer): PushEntries {
  return push.read(body, {}, { pastedByMerchant: true });
}

import type { HoldReason } from '../../../src-shared/hold-policy';
import { HELD_NOT_FOUND, HELD_SUPERSEDED } from '../../../src-shared/held-run-codes';

/** "Would remove 40 of 100 offers of Acme — more than 30 %", in the reader's language. */
export function heldReasonText(
  reason: HoldReason,
  supplier: string,
  t: (key: string, params?: Record<string, string | number>) => string,
): string {
  return t(`held.reason.${reason.code}`, { ...reason.params, supplier });
}

/** An apply/discard refusal in the reader's language where main sent a known code. */
export function heldErrorText(
  error: string,
  t: (key: string, params?: Record<string, string | number>) => string,
): string {
  if (error.includes(HELD_SUPERSEDED)) return t('held.superseded');
  if (error.includes(HELD_NOT_FOUND)) return t('held.notFound');
  return t('held.failed', { error });
}

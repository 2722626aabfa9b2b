import type { HoldReason } from '../../../src-shared/hold-policy';
import { HELD_SUPERSEDED } from '../../../src-shared/held-run-codes';

/** "Would remove 40 of 100 offers of Acme — more than 30 %", in the reader's language. */
export function heldReasonText(reason: HoldReason, supplier: string, t: (key: string, params?: Record<string, string | number>) => string): string {
  return t(`held.reason.${reason.code}`, { ...reason.params, supplier });
}

/** An apply/discard refusal in the reader's language where main sent a known code. */
export function heldErrorText(error: string, t: (key: string, params?: Record<string, string | number>) => string): string {
  return error.includes(HELD_SUPERSEDED) ? t('held.superseded') : t('held.failed', { error });
}

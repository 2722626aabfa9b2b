/**
 * When a listing is too destructive to apply unseen. Pure: main holds by it, and the renderer reads the reason codes it
 * words.
 *
 * A supplier that answers `total: 0`, loses its database or changes its API can make a listing look like "everything
 * was removed". Applying it would empty the merchant's grid and exports; holding it costs one click when it was real.
 */

/** The listing would remove every live offer of the supplier (always held, whatever the threshold). */
export const HOLD_REMOVES_ALL = 'removes_all';
/** The listing would remove more than the threshold's share of the supplier's live offers. */
export const HOLD_REMOVES_OVER_THRESHOLD = 'removes_over_threshold';

export type HoldCode = typeof HOLD_REMOVES_ALL | typeof HOLD_REMOVES_OVER_THRESHOLD;

/** Why a run was held: a code and its numbers, worded by whoever shows it ("would remove 40 of 100 offers"). */
export interface HoldReason {
  code: HoldCode;
  params: { removed: number; live: number; thresholdPercent: number };
}

export interface HoldThresholds {
  /** Held when a listing would remove more than this percent of the supplier's live offers (1–100; 100: only all). */
  removalPercent: number;
}

export const DEFAULT_HOLD_THRESHOLDS: HoldThresholds = { removalPercent: 30 };

export function validRemovalPercent(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 100;
}

/** Null: apply. `live` is the supplier's live offer count before the listing, `removed` what the diff would remove. */
export function holdReason(removed: number, live: number, thresholds: HoldThresholds): HoldReason | null {
  if (live <= 0 || removed <= 0) return null;
  const params = { removed, live, thresholdPercent: thresholds.removalPercent };
  if (removed >= live) return { code: HOLD_REMOVES_ALL, params };
  // Whole numbers on both sides: "more than 30 %" with no float in the way (30 of 100 is applied, 31 held).
  if (removed * 100 > live * thresholds.removalPercent) return { code: HOLD_REMOVES_OVER_THRESHOLD, params };
  return null;
}

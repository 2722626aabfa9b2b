/**
 * How long a sync may run and how often it lists a supplier's whole catalog: the merchant's two settings, with their
 * bounds. Pure: main syncs by them, the renderer and the CLI check what the merchant types against the same numbers.
 */

export interface WholeNumberSetting {
  default: number;
  min: number;
  max: number;
}

/**
 * Minutes one supplier's sync may take, waits for its request limit included, before it gives up and leaves the
 * catalog as it was. Generous: a Dujiao-Next catalog of 3,000 products needs a minute of requests at 60 a minute.
 * At most 12 h, well inside the age after which a run no process claims is closed (db/run-owners.ts).
 */
export const SYNC_DEADLINE_MINUTES: WholeNumberSetting = { default: 60, min: 1, max: 12 * 60 };

/**
 * Hours after which a sync lists the whole catalog again instead of only what changed: only a complete listing
 * shows that a product was deleted outright. Up to a week.
 */
export const FULL_LISTING_HOURS: WholeNumberSetting = { default: 24, min: 1, max: 7 * 24 };

export function validWholeSetting(value: unknown, setting: WholeNumberSetting): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= setting.min && value <= setting.max;
}

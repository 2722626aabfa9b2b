import { hashUnit } from './seeded-random';

export interface SeedItem<T> {
  key: number | string;
  value: T;
}

export interface Evolution<T> {
  /** Multiply every price of the item by `factor` (0.85–1.15, never 1). */
  movePrice(item: T, factor: number, step: number): T;
  moveStock(item: T, step: number): T;
  retitle(item: T, step: number): T;
  /** A brand-new item first seen at `step`. */
  newItem(step: number, n: number): T;
}

/** One item of an evolved catalog with its history, for simulators that stamp changes (Dujiao-Next's `updated_at`). */
export interface EvolvedItem<T> {
  value: T;
  /** Listed at this generation; an absent item is deactivated on the upstream, and may come back. */
  present: boolean;
  /**
   * The last step that changed what saving the item covers, vanishing and coming back included (0: as seeded). A stock
   * move is stock sold or restocked, not an edit of the item: it does not count.
   */
  changedAt: number;
  /** Removed for good: it never comes back, so the upstream no longer knows it at all. */
  deleted: boolean;
}

export interface EvolveOptions {
  /**
   * Scales how much moves per step (1: the rates below). The benchmark's "1 % of offers changed" runs at about 0.09;
   * the demo keeps 1 so every sync shows a bit of everything.
   */
  churn?: number;
  /** Decides, when an item vanishes at `step`, whether it is deleted for good instead of only deactivated. */
  deleteForGood?: (key: string, step: number) => boolean;
}

/**
 * Replays `generation` deterministic steps over a seeded catalog, so every simulator can serve "the same
 * upstream, a few syncs later": about 4% of items move price, 4% change stock, 1% are retitled, 2% vanish
 * (half of them come back a step later) and two new items appear per step.
 */
export function evolve<T>(
  base: SeedItem<T>[],
  seed: number,
  generation: number,
  evolution: Evolution<T>,
  options: EvolveOptions = {},
): T[] {
  return evolveWithHistory(base, seed, generation, evolution, options)
    .filter((item) => item.present)
    .map((item) => item.value);
}

/** `evolve`, keeping absent and deleted items and the step each item last changed at. */
export function evolveWithHistory<T>(
  base: SeedItem<T>[],
  seed: number,
  generation: number,
  evolution: Evolution<T>,
  options: EvolveOptions = {},
): EvolvedItem<T>[] {
  const churn = options.churn ?? 1;
  const items = new Map<string, EvolvedItem<T>>();
  for (const item of base)
    items.set(String(item.key), { value: item.value, present: true, changedAt: 0, deleted: false });
  for (let step = 1; step <= generation; step++) {
    for (const [key, item] of items) {
      if (item.deleted) continue;
      const r = hashUnit(seed, key, step);
      if (!item.present) {
        if (r < 0.5) {
          item.present = true;
          item.changedAt = step;
        }
        continue;
      }
      if (r < 0.04 * churn) {
        const up = hashUnit(seed, key, step, 'dir') < 0.55;
        const size = 0.02 + hashUnit(seed, key, step, 'size') * 0.13;
        item.value = evolution.movePrice(item.value, up ? 1 + size : 1 - size, step);
        item.changedAt = step;
      } else if (r < 0.08 * churn) {
        item.value = evolution.moveStock(item.value, step);
      } else if (r < 0.09 * churn) {
        item.value = evolution.retitle(item.value, step);
        item.changedAt = step;
      } else if (r < 0.11 * churn) {
        item.present = false;
        item.changedAt = step;
        item.deleted = options.deleteForGood?.(key, step) ?? false;
      }
    }
    for (let n = 0; n < 2; n++)
      items.set(`new-${step}-${n}`, {
        value: evolution.newItem(step, n),
        present: true,
        changedAt: step,
        deleted: false,
      });
  }
  return [...items.values()];
}

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

/**
 * Replays `generation` deterministic steps over a seeded catalog, so every simulator can serve "the same
 * upstream, a few syncs later": about 4% of items move price, 4% change stock, 1% are retitled, 2% vanish
 * (half of them come back a step later) and two new items appear per step.
 */
export function evolve<T>(base: SeedItem<T>[], seed: number, generation: number, evolution: Evolution<T>): T[] {
  const items = new Map<string, { value: T; present: boolean }>();
  for (const item of base) items.set(String(item.key), { value: item.value, present: true });
  for (let step = 1; step <= generation; step++) {
    for (const [key, item] of items) {
      const r = hashUnit(seed, key, step);
      if (!item.present) {
        if (r < 0.5) item.present = true;
        continue;
      }
      if (r < 0.04) {
        const up = hashUnit(seed, key, step, 'dir') < 0.55;
        const size = 0.02 + hashUnit(seed, key, step, 'size') * 0.13;
        item.value = evolution.movePrice(item.value, up ? 1 + size : 1 - size, step);
      } else if (r < 0.08) {
        item.value = evolution.moveStock(item.value, step);
      } else if (r < 0.09) {
        item.value = evolution.retitle(item.value, step);
      } else if (r < 0.11) {
        item.present = false;
      }
    }
    for (let n = 0; n < 2; n++) items.set(`new-${step}-${n}`, { value: evolution.newItem(step, n), present: true });
  }
  return [...items.values()].filter((item) => item.present).map((item) => item.value);
}

/** Small deterministic PRNG (mulberry32): simulator catalogs must be the same on every machine and run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A stable number in [0, 1) for a tuple, so "does item 17 change at step 3?" has one answer everywhere. */
export function hashUnit(...parts: Array<string | number>): number {
  let h = 2166136261;
  for (const char of parts.join('|')) {
    h ^= char.charCodeAt(0);
    h = Math.imul(h, 16777619);
  }
  return seededRandom(h >>> 0)();
}

/**
 * Package details remembered between listings of one account (one cache per thread), keyed by what the list said about
 * the package. A detail is reused only when the list entry carries something that moves when the package changes (its
 * `updateTime`, or its prices) and that entry is exactly as before; an entry without such a marker (the FMS docs
 * promise none) is always detailed again, because a price change would otherwise go unseen.
 */
const CHANGE_MARKERS = ['updateTime', 'updatedTime', 'updateAt', 'currencyInfos', 'price'] as const;

/** The most packages remembered; an FMS partner catalog is a few thousand. */
export const DETAIL_CACHE_LIMIT = 20_000;

/** A stable text of the list entry, or null when the entry cannot show a change. */
export function listEntryFingerprint(entry: unknown): string | null {
  if (!entry || typeof entry !== 'object' || Array.isArray(entry)) return null;
  const record = entry as Record<string, unknown>;
  if (!CHANGE_MARKERS.some((key) => record[key] !== undefined && record[key] !== null && record[key] !== ''))
    return null;
  return stableJson(record);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stableJson((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export class DetailCache {
  private entries = new Map<string, { fingerprint: string; detail: unknown }>();

  get(id: string, fingerprint: string | null): unknown {
    if (fingerprint === null) return undefined;
    const hit = this.entries.get(id);
    return hit && hit.fingerprint === fingerprint ? hit.detail : undefined;
  }

  remember(id: string, fingerprint: string | null, detail: unknown): void {
    if (fingerprint === null) return;
    this.entries.delete(id);
    this.entries.set(id, { fingerprint, detail });
    // Oldest first out: insertion order is the order packages were last detailed.
    while (this.entries.size > DETAIL_CACHE_LIMIT) this.entries.delete(this.entries.keys().next().value as string);
  }

  /** After a complete listing: packages no longer listed are forgotten. */
  retainOnly(ids: Set<string>): void {
    for (const id of [...this.entries.keys()]) if (!ids.has(id)) this.entries.delete(id);
  }

  get size(): number {
    return this.entries.size;
  }
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { categoriesFingerprint } from '../../src-main/suppliers/dujiao-next/map';
import type { DujiaoCategory } from '../../src-main/suppliers/dujiao-next/schemas';

const byId = (categories: DujiaoCategory[]) => new Map(categories.map((category) => [category.id, category]));

const category = fc.record({
  id: fc.integer({ min: 1, max: 1_000 }),
  parent_id: fc.integer({ min: 0, max: 1_000 }),
  slug: fc.string(),
  name: fc.dictionary(fc.constantFrom('zh-CN', 'zh-TW', 'en-US', 'en'), fc.string()),
});
const categories = fc.uniqueArray(category, { selector: (c) => c.id, maxLength: 8 });

describe("the fingerprint of Dujiao-Next's categories, as mapping reads them", () => {
  it('is the same whatever order the server lists them, or their names, in, and whatever slug they carry', () => {
    fc.assert(
      fc.property(categories, fc.nat(), (listed, seed) => {
        const reordered = [...listed].reverse().map((c, i) => ({
          ...c,
          slug: `${c.slug}-${seed + i}`,
          name: Object.fromEntries(Object.entries(c.name).reverse()),
        }));
        expect(categoriesFingerprint(byId(reordered))).toBe(categoriesFingerprint(byId(listed)));
      }),
    );
  });

  it('moves with a name, a parent, or a category added or gone', () => {
    fc.assert(
      fc.property(
        categories.filter((listed) => listed.length > 0),
        (listed) => {
          const before = categoriesFingerprint(byId(listed));
          const [first, ...rest] = listed;
          const variants = [
            [{ ...first, name: { ...first.name, 'en-US': `${first.name['en-US'] ?? ''}!` } }, ...rest],
            [{ ...first, parent_id: first.parent_id + 1 }, ...rest],
            rest,
            [...listed, { id: 1_001, parent_id: 0, slug: '', name: {} }],
          ];
          for (const variant of variants) expect(categoriesFingerprint(byId(variant))).not.toBe(before);
        },
      ),
    );
  });
});

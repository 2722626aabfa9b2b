/**
 * A key whose plain (byte) order is the order a person expects of names: case-insensitive, full-width folded, and
 * numbers by value ("5GB" < "10GB" < "100GB"), as Intl.Collator with `numeric` orders Latin text. SQLite sorts by it
 * on an index, where a collator cannot run.
 */
export function naturalSortKey(text: string): string {
  return (
    text
      .normalize('NFKC')
      .toLowerCase()
      // Punctuation sorts as a space: "China, Hong Kong" and "China-1GB" are ordered by their words, as a collator does.
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
      // Each run of digits is prefixed by its length (two digits), so a shorter number sorts first; leading zeros go.
      .replace(/\d+/g, (digits) => {
        const value = digits.replace(/^0+(?=\d)/, '');
        return `${String(Math.min(value.length, 99)).padStart(2, '0')}${value}`;
      })
  );
}

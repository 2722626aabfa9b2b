import { describe, expect, it } from 'vitest';
import { csvText } from '../../src-main/export/csv-writer';

const BOM = '\uFEFF';

describe('CSV text', () => {
  it('starts with the UTF-8 byte order mark, so Excel reads Chinese correctly', () => {
    const text = csvText(['title'], [['香港 5GB 7天']]);
    expect(text.startsWith(BOM)).toBe(true);
    expect(Buffer.from(text, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(text).toBe(`${BOM}title\r\n香港 5GB 7天\r\n`);
  });

  it('quotes commas, quotes and line breaks the RFC 4180 way, and nothing else', () => {
    const text = csvText(
      ['a', 'b', 'c', 'd', 'e', 'f'],
      [['Hong Kong, Macau', 'the "best" plan', 'line one\nline two', 'cr\ronly', 'crlf\r\nend', '中港澳 10GB']],
    );
    expect(text).toBe(
      `${BOM}a,b,c,d,e,f\r\n"Hong Kong, Macau","the ""best"" plan","line one\nline two","cr\ronly","crlf\r\nend",中港澳 10GB\r\n`,
    );
  });

  it('keeps empty cells and leading spaces as they are', () => {
    expect(csvText(['a', 'b', 'c'], [['', ' x', 'y ']])).toBe(`${BOM}a,b,c\r\n, x,y \r\n`);
  });

  it('writes the header alone when there are no rows', () => {
    expect(csvText(['Handle', 'Title'], [])).toBe(`${BOM}Handle,Title\r\n`);
  });
});

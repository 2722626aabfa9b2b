import { describe, expect, it } from 'vitest';
import { FORMULA_TRIGGERS, neutralizeCell } from '../../src-main/export/neutralize';

describe('formula-injection neutralizer', () => {
  it.each([
    ['=', '=HYPERLINK("http://evil.example","Hong Kong 5GB")'],
    ['+', "+1+cmd|' /C calc'!A0"],
    ['-', '-2+3'],
    ['@', '@SUM(A1:A9)'],
    ['tab', '\t=1+1'],
    ['carriage return', '\r=1+1'],
  ])('prefixes a single quote to a text cell starting with %s', (_name, value) => {
    expect(neutralizeCell(value)).toBe(`'${value}`);
  });

  it('covers exactly the OWASP trigger list', () => {
    expect([...FORMULA_TRIGGERS].sort()).toEqual(['\t', '\r', '+', '-', '=', '@'].sort());
    for (const trigger of FORMULA_TRIGGERS) expect(neutralizeCell(`${trigger}x`)).toBe(`'${trigger}x`);
  });

  it('leaves ordinary text alone, including triggers after the first character and Chinese', () => {
    for (const value of ['Hong Kong 5GB', '香港 5GB 7天', 'A=B', 'price -5%', ' =1+1', "'already quoted", '']) {
      expect(neutralizeCell(value)).toBe(value);
    }
  });

  it('writes plain decimals in numeric columns as numbers, negative ones included', () => {
    expect(neutralizeCell('-1.20', true)).toBe('-1.20');
    expect(neutralizeCell('-1', true)).toBe('-1');
    expect(neutralizeCell('6.72', true)).toBe('6.72');
    expect(neutralizeCell('', true)).toBe('');
  });

  it('still neutralizes anything else in a numeric column', () => {
    expect(neutralizeCell('-1+2', true)).toBe("'-1+2");
    expect(neutralizeCell('=1', true)).toBe("'=1");
    expect(neutralizeCell('-1e5', true)).toBe("'-1e5");
    expect(neutralizeCell('@x', true)).toBe("'@x");
  });

  it('neutralizes a negative number in a text column, where no number is expected', () => {
    expect(neutralizeCell('-1.20')).toBe("'-1.20");
  });
});

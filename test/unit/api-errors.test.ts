import { describe, expect, it } from 'vitest';
import { wordApiError } from '../../src-renderer/i18n/api-errors';

// The boundary answers a refused call with a code and its parameters; the renderer says it in the reader's language.
describe("the boundary's own errors, worded", () => {
  it('names the method and where its arguments did not fit, in English and in Simplified Chinese', () => {
    const params = { method: 'grid.row', path: '0' };
    expect(wordApiError('invalid_arguments', params, 'en')).toBe(
      'SupplyGrid refused a request it sent itself (grid.row: the value at 0 does not fit). Please report this.',
    );
    expect(wordApiError('invalid_arguments', params, 'zh-CN')).toBe(
      'SupplyGrid 拒绝了自身发出的请求（grid.row：0 处的值不符合要求）。请报告此问题。',
    );
    expect(wordApiError('unknown_method', { method: 'grid.drop' }, 'zh-CN')).toBe(
      'SupplyGrid 不认识请求“grid.drop”。请报告此问题。',
    );
  });

  it('leaves every other code to the screen that made the call', () => {
    expect(wordApiError('grid.bulk.belowCost', { count: '3' }, 'en')).toBeNull();
  });
});

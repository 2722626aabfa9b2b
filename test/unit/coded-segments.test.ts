import { describe, expect, it } from 'vitest';
import { codedSegments } from '../../src-renderer/components/coded-segments';
import { translator } from '../../src-renderer/i18n/fill-template';
import { syncDictionary } from '../../src-renderer/i18n/sync';
import { ISSUE_DATA_PARAMS, issueText } from '../../src-shared/issue-codes';
import { SKIPPED_DATA_PARAMS, skippedText } from '../../src-shared/skipped-text';
import { supplierText } from '../../src-main/suppliers/shared/supplier-text';

const zh = translator(syncDictionary['zh-CN']);
const data = new Set([...ISSUE_DATA_PARAMS, ...SKIPPED_DATA_PARAMS]);

describe("a skipped item's place and reason, worded with the supplier's data set apart", () => {
  it('marks the field path and the value as data, the words around them not', () => {
    const reason = issueText('issue.field', {
      path: 'skus.0.price_amount',
      problem: issueText('problem.notDecimal', { value: '"free"' }),
    });
    expect(codedSegments(reason, zh, data)).toEqual([
      { text: '字段 ', data: false },
      { text: 'skus.0.price_amount', data: true },
      { text: '：不是十进制金额：', data: false },
      { text: '"free"', data: true },
    ]);
  });

  it('sets apart the ids and names at every level of a nested place', () => {
    const category = supplierText('seagm.cardCategory', { id: 1001, name: 'Steam Wallet Code (US)' });
    const where = skippedText('where.itemId', { in: category, position: 2, id: 10002 });
    const segments = codedSegments(where, zh, data);
    expect(segments.map((s) => s.text).join('')).toBe('卡类 1001（Steam Wallet Code (US)），第 2 条（ID 10002）');
    expect(segments.filter((s) => s.data).map((s) => s.text)).toEqual(['1001', 'Steam Wallet Code (US)', '2', '10002']);
  });

  it('keeps a text stored before codes as one segment, as it came', () => {
    expect(codedSegments('page 2, item 11 (product 51)', zh, data)).toEqual([
      { text: 'page 2, item 11 (product 51)', data: false },
    ]);
  });
});

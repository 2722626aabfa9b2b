import { describe, expect, it } from 'vitest';
import { describeOffenders, latinOffenders, latinWords } from '../helpers/latin-words';

describe('finding English left in Chinese screens', () => {
  it('finds English words and leaves Chinese, numbers and punctuation alone', () => {
    expect(latinWords('规则: tier-mid')).toEqual(['tier-mid']);
    expect(latinWords('recorded before sending')).toEqual(['recorded', 'before', 'sending']);
    expect(latinWords('今日已用 12.50 USD · 剩余 187.50 USD')).toEqual([]);
    expect(latinWords('—')).toEqual([]);
  });

  it('allows brands, technical terms, units, ISO country and currency codes, and codes with digits', () => {
    expect(latinWords('BillionConnect 通过 N009 通知发送 eSIM 二维码')).toEqual([]);
    expect(latinWords('日本 JP 5 GB 30 天 · 30d · 5GB · Dujiao-Next · SM-DP+ 地址')).toEqual([]);
    expect(latinWords('HK CNY MYR')).toEqual([]);
    // Two or three capitals that are no ISO code are words.
    expect(latinWords('OK XYZ')).toEqual(['OK', 'XYZ']);
  });

  it('leaves URLs, paths and e-mail addresses out', () => {
    expect(latinWords('经由 http://127.0.0.1:4321/rates/eurofxref-daily.xml 获取')).toEqual([]);
    expect(latinWords('保存在 /tmp/supplygrid-e2e-abc/secret.key 中')).toEqual([]);
    expect(latinWords('发送到 merchant@example.com')).toEqual([]);
    expect(latinWords('欧洲央行格式的每日参考汇率文件（eurofxref-daily.xml）')).toEqual([]);
  });

  it('allows language tags: with a region anywhere, a bare code only as a text of its own', () => {
    expect(latinWords('标题语言 zh-CN、zh-TW')).toEqual([]);
    expect(latinWords('ja')).toEqual([]);
    expect(latinWords('it is')).toEqual(['it', 'is']);
  });

  it("takes the merchant's own data out before judging, and says where each offender is", () => {
    const texts = [
      { text: 'Japan 5GB 30 Days · 来自 Demo Linksfield', where: 'Grid › row 1' },
      { text: '分类 mobile-operator:321', where: 'Grid › plan details › .offer-ids' },
      { text: '套餐：Japan 5GB 30 Days', where: 'Pricing › Locked prices' },
    ];
    const offenders = latinOffenders(texts, ['Japan 5GB 30 Days']);
    expect(offenders).toEqual([
      { ...texts[0], words: ['Demo'] },
      { ...texts[1], words: ['mobile-operator'] },
    ]);
    expect(describeOffenders(offenders)).toBe(
      [
        '  [Demo] in "Japan 5GB 30 Days · 来自 Demo Linksfield" at Grid › row 1',
        '  [mobile-operator] in "分类 mobile-operator:321" at Grid › plan details › .offer-ids',
      ].join('\n'),
    );
  });
});

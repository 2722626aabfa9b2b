import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeFailure, measureMatcher, type LabelledTitle } from '../fixtures/match-quality';
import type { LocalizedText, OfferKind, PlanFacts } from '../../src-main/domain/offer';
import {
  MATCH_CONFIDENCE_THRESHOLD,
  extractAttributes,
  marketedMB,
  planMatchKey,
  type PlanAttributes,
} from '../../src-main/domain/plan-attributes';

const LABELLED: LabelledTitle[] = JSON.parse(
  readFileSync(new URL('../fixtures/plan-titles.json', import.meta.url), 'utf8'),
);

function plan(title: string | LocalizedText, facts: PlanFacts = {}, kind: OfferKind = 'esim') {
  const attributes = extractAttributes({
    titles: typeof title === 'string' ? { en: title } : title,
    kind,
    plan: facts,
  });
  if (attributes.type !== 'plan') throw new Error(`expected plan attributes for ${JSON.stringify(title)}`);
  return attributes;
}

function goods(title: string | LocalizedText, facts: PlanFacts = {}, kind: OfferKind = 'card') {
  const attributes = extractAttributes({
    titles: typeof title === 'string' ? { en: title } : title,
    kind,
    plan: facts,
  });
  if (attributes.type !== 'goods') throw new Error(`expected goods attributes for ${JSON.stringify(title)}`);
  return attributes;
}

const key = (title: string | LocalizedText, facts: PlanFacts = {}, kind: OfferKind = 'esim') =>
  planMatchKey(extractAttributes({ titles: typeof title === 'string' ? { en: title } : title, kind, plan: facts }));

const ASIA8 = ['ID', 'JP', 'KR', 'MY', 'PH', 'SG', 'TH', 'VN'];

describe('extractAttributes: places', () => {
  it.each([
    ['Korea 3GB 7 Days', ['KR']],
    ['South Korea 3GB 7 Days', ['KR']],
    ['韩国 3GB 7天', ['KR']],
    ['韓國 3GB 7天', ['KR']],
    ['南韓 3GB 7天', ['KR']],
    ['USA 3GB 7 Days', ['US']],
    ['United States 3GB 7 Days', ['US']],
    ['美国 3GB 7天', ['US']],
    ['美國 3GB 7天', ['US']],
    ['UK 3GB 7 Days', ['GB']],
    ['United Kingdom 3GB 7 Days', ['GB']],
    ['英国 3GB 7天', ['GB']],
    ['Great Britain 3GB 7 Days', ['GB']],
    ['Türkiye 3GB 7 Days', ['TR']],
    ['HK 3GB 7 Days', ['HK']],
    ['中国香港 3GB 7天', ['HK']],
    ['中國大陸 3GB 7天', ['CN']],
    ['中港澳 3GB 7天', ['CN', 'HK', 'MO']],
    ['港澳 3GB 7天', ['HK', 'MO']],
    ['HK+Macau 3GB 7 Days', ['HK', 'MO']],
    ['日韩 3GB 7天', ['JP', 'KR']],
    ['China, Hong Kong & Macau 3GB 7 Days', ['CN', 'HK', 'MO']],
    ['USA & Canada 3GB 7 Days', ['CA', 'US']],
    ['澳新 3GB 7天', ['AU', 'NZ']],
  ])('%s → %j', (title, countries) => {
    expect(plan(title).countries).toEqual(countries);
  });

  it('keeps a country name inside a carrier or a qualifier from adding a country', () => {
    expect(plan('China Mobile Hong Kong 3GB 7 Days').countries).toEqual(['HK']);
    expect(plan('中国移动 香港 3GB 7天').countries).toEqual(['HK']);
    expect(plan('Hong Kong, China 3GB 7 Days').countries).toEqual(['HK']);
    expect(plan('香港（中国） 3GB 7天').countries).toEqual(['HK']);
  });

  it('prefers the longest name: South Africa is a country, Indiana is not India', () => {
    expect(plan('South Africa 3GB 7 Days').countries).toEqual(['ZA']);
    expect(plan('印度尼西亚 3GB 7天').countries).toEqual(['ID']);
    expect(plan('Indiana 3GB 7 Days').countries).toEqual([]);
  });

  it('names a counted region by a token and its region key, in every language; its countries come from the catalog', () => {
    for (const title of ['Europe 12-Country 10GB 7 Days', '欧洲12国 10GB 7天', '歐洲12國 10GB 7天']) {
      expect(plan(title).countries).toEqual(['REGION:EU-12']);
      expect(plan(title).region).toBe('EU-12');
    }
    for (const title of ['Asia 8 Countries 10GB 7 Days', '亚洲8国 10GB 7天', '亞洲八國 10GB 7天'])
      expect(plan(title).region).toBe('ASIA-8');
    for (const title of [
      'Southeast Asia 8 Countries 5GB 7 Days',
      '东南亚8国 5GB 7天',
      '東南亞8國 5GB 7天',
      'SE Asia 8 Countries 5GB 7 Days',
    ])
      expect(plan(title).region).toBe('SEA-8');
    expect(plan('12国 3GB 7天').region).toBe('MULTI-12');
    expect(plan('东盟10国 5GB 10天').region).toBe('ASEAN-10');
    expect(plan('Europe 33 Countries 10GB 7 Days').countries).toEqual(['REGION:EU-33']);
    expect(plan('欧洲33国 10GB 7天').countries).toEqual(['REGION:EU-33']);
    // A listing keeps its countries and still says which bundle it is: that is the evidence named-only offers use.
    const listed = plan('Asia 8 Countries 3GB 7 Days', { countries: ASIA8, dataMB: 3072, days: 7 });
    expect(listed.countries).toEqual(ASIA8);
    expect(listed.region).toBe('ASIA-8');
    // Only counted regions are learnt from listings; "Europe" alone means too many things.
    expect(plan('Europe 10GB 7 Days').countries).toEqual(['REGION:EU']);
    expect(plan('Europe 10GB 7 Days').region).toBeUndefined();
    expect(plan('North America 10GB 7 Days').countries).toEqual(['REGION:NA']);
    expect(plan('MeSIM 12-Country Unlimited 100GB').countries).toEqual(['REGION:MULTI-12']);
    expect(plan('全球120国 5GB 30天').countries).toEqual(['REGION:GLOBAL-120']);
  });

  it('applies the quota rule: a throttled "unlimited" plan with a high-speed quota is a plan of that quota', () => {
    for (const title of ['Japan Unlimited5GB 7 Days', '日本 无限流量 5GB 7天', '日本 無限 5GB 7日']) {
      expect(plan(title).unlimited).toBe(true);
      expect(key(title)).toBe(key('Japan 5GB 7 Days'));
    }
    expect(key('Hong Kong Unlimited 2GB/Day 5 Days')).toBe(key('Hong Kong 2GB/Day 5 Days'));
    // No quota at all is another plan.
    expect(key('Japan Unlimited 7 Days')).not.toBe(key('Japan 5GB 7 Days'));
    expect(key('Japan Unlimited 7 Days')).toBe('plan|JP|unlimited|total|7d');
  });

  it('reads a country from a known carrier only when the title names none', () => {
    expect(plan('樂天 Rakuten Unlimited 4GB').countries).toEqual(['JP']);
    expect(plan('Rakuten 5GB Korea 7-Day').countries).toEqual(['KR']);
  });
});

describe('extractAttributes: data', () => {
  it.each([
    ['Japan 500MB 7 Days', 500],
    ['Japan 5GB 7 Days', 5120],
    ['Japan 5 GB 7 Days', 5120],
    ['Japan 1.5GB 7 Days', 1536],
    ['Japan-4G-7 days-200M', 200],
    ['日本 ５ＧＢ ７天', 5120],
    ['日本 5G流量 7天', 5120],
    ['日本 5G 7天', 5120],
    ['Japan 1TB 30 Days', 1048576],
  ])('%s → %d MB', (title, dataMB) => {
    expect(plan(title).dataMB).toBe(dataMB);
  });

  it('reads 4G/5G in English titles as the network, not the data', () => {
    expect(plan('Hong Kong-4G-1 day-200M').dataMB).toBe(200);
    expect(plan('Japan 4G/5G 3GB 7 Days').dataMB).toBe(3072);
    expect(plan('Japan 5G 7 Days').dataMB).toBeNull();
  });

  it('does not read speeds or months as data', () => {
    expect(plan('Japan 3GB 7 Days then 1Mbps').dataMB).toBe(3072);
    expect(plan('Japan 3GB 128kbps 7 Days').dataMB).toBe(3072);
    expect(plan('Japan 3M').dataMB).toBeNull();
  });

  it('reads unlimited, with the high-speed cap as dataMB', () => {
    expect(plan('CMLink Unlimited10GB')).toMatchObject({ unlimited: true, dataMB: 10240 });
    expect(plan('MeSIM 12-Country Unlimited 100GB')).toMatchObject({ unlimited: true, dataMB: 102400 });
    expect(plan('泰国 无限流量 7天')).toMatchObject({ unlimited: true, dataMB: null });
    expect(plan('泰國 無限流量 7天')).toMatchObject({ unlimited: true, dataMB: null });
    expect(plan('Thailand 10GB 7 Days')).toMatchObject({ unlimited: false, dataMB: 10240 });
  });
});

describe('extractAttributes: per-day quotas', () => {
  it.each([
    'Japan 1GB/day 7 Days',
    'Japan 1GB/Day 7 Days',
    'Japan 1GB per day 7 days',
    'Japan Daily 1GB 7 Days',
    '日本 每日1GB 7天',
    '日本 每天1GB 7天',
    '日本 1GB/天 7天',
    '日本-1GB/自然日+eSIM载体90天',
    'Japan-1GB/Natural day+eSIM Carrier of 90 days',
  ])('%s is per day', (title) => {
    expect(plan(title)).toMatchObject({ perDay: true, dataMB: 1024 });
  });

  it.each(['Japan 7GB 7 Days', 'Hong Kong-4G-1 day-200M', '日本 7GB 7天'])('%s is a total', (title) => {
    expect(plan(title).perDay).toBe(false);
  });
});

describe('extractAttributes: validity', () => {
  it.each([
    ['Japan 3GB 7 Days', 7],
    ['Japan 3GB 7D', 7],
    ['Japan 3GB 7-Day', 7],
    ['日本 3GB 7天', 7],
    ['日本 3GB 7日', 7],
    ['日本 3GB 七天', 7],
    ['日本 3GB 三十天', 30],
    ['Japan 3GB 30 days', 30],
    ['Japan 3GB 1 Month', 30],
    ['日本 3GB 1个月', 30],
    ['Japan 3GB 2 Weeks', 14],
    ['Japan 3GB 3 Months', 90],
    ['日本 3GB 24小时', 1],
    ['Japan 3GB 7 Days [v3]', 7],
    ['Hong Kong-4G-1 day-200M', 1],
  ])('%s → %d days', (title, days) => {
    expect(plan(title).days).toBe(days);
  });

  it.each([
    ['Korea-3GB/Natural day+eSIM Carrier of 90 days', null],
    ['eSIM Carrier of 90 days', null],
    ['韩国-3GB/自然日+eSIM载体90天', null],
    ['Japan 3GB 7 Days, activate within 30 days', 7],
    ['日本 3GB 7天（30天内激活）', 7],
    ['日本 3GB 7天 激活有效期90天', 7],
    ['日本 3GB 7天 90天有效期激活', 7],
    ['Japan 3GB 7D (valid 30 days after purchase)', 7],
    ['Japan 3GB 5 Days, activation period 180 days', 5],
  ])('%s ignores the activation window → %s', (title, days) => {
    expect(plan(title).days).toBe(days);
  });

  it('does not read a calendar year as a length', () => {
    expect(plan('日本 3GB 2024年新款').days).toBeNull();
  });
});

describe('extractAttributes: structured facts and confidence', () => {
  it('trusts structured facts over the title', () => {
    const attributes = plan(
      'Hong Kong-4G-1 day-200M (3 days)',
      { countries: ['hk'], dataMB: 200, unlimited: false, perDay: true, days: 3 },
      'data_plan',
    );
    expect(attributes).toEqual({
      type: 'plan',
      countries: ['HK'],
      dataMB: 200,
      unlimited: false,
      perDay: true,
      days: 3,
      confidence: 1,
    });
  });

  it('fills what the facts leave open from the title', () => {
    expect(
      plan('Japan Unlimited 5GB 7 Days', { countries: ['JP'], dataMB: null, unlimited: true, days: 7 }),
    ).toMatchObject({ dataMB: 5120, unlimited: true });
    expect(plan('Korea-3GB/Natural day+eSIM Carrier of 90 days', { days: null })).toMatchObject({
      countries: ['KR'],
      days: null,
      perDay: true,
    });
  });

  it('is fully confident only when countries, volume and length are all known', () => {
    expect(plan('Japan 3GB 7 Days').confidence).toBe(1);
    expect(plan('Japan 3GB').confidence).toBeLessThan(MATCH_CONFIDENCE_THRESHOLD);
    expect(plan('Japan 7 Days').confidence).toBeLessThan(MATCH_CONFIDENCE_THRESHOLD);
    expect(plan('3GB 7 Days').confidence).toBeLessThan(MATCH_CONFIDENCE_THRESHOLD);
    expect(plan('Europe 33 Countries 10GB 7 Days').confidence).toBeGreaterThanOrEqual(MATCH_CONFIDENCE_THRESHOLD);
    expect(plan('Europe 33 Countries 10GB 7 Days').confidence).toBeLessThan(1);
  });

  it('loses confidence when titles contradict each other or one title states two values', () => {
    expect(plan({ 'zh-CN': '韩国 3GB 7天', en: 'Korea 3GB 5 Days' }).confidence).toBeLessThan(
      MATCH_CONFIDENCE_THRESHOLD,
    );
    expect(plan('Japan 3GB + 1GB Bonus 7 Days').confidence).toBeLessThan(MATCH_CONFIDENCE_THRESHOLD);
    expect(plan({ 'zh-CN': '日本 3GB 7天', en: 'Japan 3GB 7 Days' }).confidence).toBe(1);
  });
});

describe('extractAttributes: goods', () => {
  it.each<[string | LocalizedText, string, { amount: string; currency: string } | null, OfferKind?]>([
    ['Steam Wallet Code 100 CNY', 'steam wallet', { amount: '100', currency: 'CNY' }],
    ['Steam Wallet Code US$ 100 (US)', 'steam wallet', { amount: '100', currency: 'USD' }],
    [
      { 'zh-CN': 'Steam 钱包充值卡 100 CNY', 'en-US': 'Steam Wallet 100 CNY' },
      'steam wallet',
      { amount: '100', currency: 'CNY' },
    ],
    [{ 'zh-TW': 'Steam 錢包儲值卡 100元' }, 'steam wallet', { amount: '100', currency: 'CNY' }],
    ['Razer Gold PIN (Global) USD 10', 'razer gold', { amount: '10', currency: 'USD' }],
    ['Razer Gold Pin RM 10 (MY)', 'razer gold', { amount: '10', currency: 'MYR' }],
    ['Steam Wallet Code Rp 12,000', 'steam wallet', { amount: '12000', currency: 'IDR' }],
    [{ 'zh-TW': 'Google Play 禮品卡 US$25' }, 'google play', { amount: '25', currency: 'USD' }],
    ['iTunes Gift Card (US) USD 10', 'apple', { amount: '10', currency: 'USD' }],
    [{ 'zh-CN': 'PSN 点卡 20 USD' }, 'playstation network', { amount: '20', currency: 'USD' }],
    ['Mobile Legends 86 Diamonds', 'mobile legends 86 diamonds', null, 'direct_topup'],
    ['Mobile Legends: Bang Bang 86 Diamonds', 'mobile legends 86 diamonds', null, 'direct_topup'],
    ['多玩游戏平台_90Y币_100元(直充)', '多玩游戏平台 90y币', { amount: '100', currency: 'CNY' }, 'direct_topup'],
    [
      'Telkomsel Indonesia IDR 100000.00 Credits',
      'telkomsel indonesia',
      { amount: '100000', currency: 'IDR' },
      'mobile_recharge',
    ],
  ])('%j → %s %j', (title, name, faceValue, kind = 'card') => {
    expect(goods(title, {}, kind)).toMatchObject({ name, faceValue });
  });

  it('takes the structured face value, as a canonical decimal string', () => {
    expect(goods('Cubizone 1000 Cubits', { faceValue: { amount: '100.00', currency: 'myr' } })).toMatchObject({
      name: 'cubizone 1000 cubits',
      faceValue: { amount: '100', currency: 'MYR' },
    });
    // The title's bare "100" is the face value the facts state, not a pack count.
    expect(goods('Steam Wallet Code 100', { faceValue: { amount: '100', currency: 'USD' } }).name).toBe('steam wallet');
  });

  it('treats goods kinds as goods even when a mobile product carries plan-like facts', () => {
    expect(
      extractAttributes({
        titles: { en: 'XL Indonesia Internet 1.5GB, 30 Days' },
        kind: 'mobile_recharge',
        plan: { countries: ['ID'], days: 30 },
      }).type,
    ).toBe('goods');
    expect(extractAttributes({ titles: { en: 'Multi-use SIM card (Nano)' }, kind: 'other', plan: {} }).type).toBe(
      'goods',
    );
  });
});

describe('planMatchKey', () => {
  it('gives the same plan from every supplier style one key', () => {
    const keys = new Set([
      key({ 'zh-CN': '香港 5GB 7天', 'en-US': 'Hong Kong 5GB 7 Days' }),
      key({ 'zh-CN': '香港 5GB 7天', en: 'Hong Kong eSIM 5GB / 7D' }),
      key('csl Hong Kong 5GB 7 Days'),
      key('Hong Kong 5GB 7 Days', { countries: ['HK'], dataMB: 5120, unlimited: false, days: 7 }),
      key({ 'zh-TW': '香港 ５ＧＢ ７日' }),
    ]);
    expect(keys.size).toBe(1);
    expect([...keys][0]).not.toBeNull();
  });

  it.each<[string, string | LocalizedText, string | LocalizedText, OfferKind?]>([
    ['5GB vs 3GB', 'Hong Kong 5GB 7 Days', 'Hong Kong 3GB 7 Days'],
    ['7 vs 10 days', 'Hong Kong 5GB 7 Days', 'Hong Kong 5GB 10 Days'],
    ['per day vs total', 'Hong Kong 1GB/Day 7 Days', 'Hong Kong 1GB 7 Days'],
    ['HK vs HK+Macau', 'Hong Kong 5GB 7 Days', 'Hong Kong & Macau 5GB 7 Days'],
    ['unlimited without a quota vs a quota', 'Japan Unlimited 7 Days', 'Japan 5GB 7 Days'],
    ['Asia 8 vs Asia 12', 'Asia 8-Country 10GB 30 Days', 'Asia 12 Countries 10GB 30 Days'],
    ['Steam 100 CNY vs 100 USD', 'Steam Wallet Code 100 CNY', 'Steam Wallet Code US$ 100 (US)', 'card'],
    ['Steam 100 vs 50', 'Steam Wallet 100 CNY', 'Steam Wallet 50 CNY', 'card'],
    ['86 vs 172 diamonds', 'Mobile Legends 86 Diamonds', 'Mobile Legends 172 Diamonds', 'direct_topup'],
    ['a number in the brand is not a pack count', 'Xbox 360 Gift Card US$ 10', 'Xbox 360 Gift Card US$ 25', 'card'],
  ])('keeps near misses apart: %s', (_label, a, b, kind = 'esim') => {
    expect(key(a, {}, kind)).not.toBeNull();
    expect(key(b, {}, kind)).not.toBeNull();
    expect(key(a, {}, kind)).not.toBe(key(b, {}, kind));
  });

  it('matches sizes that differ only by a unit base', () => {
    expect(key('Taiwan 0.5GB 5 Days')).toBe(key('Taiwan 500MB 5 Days'));
    expect(key('Mexico 1GB 7 Days', { countries: ['MX'], dataMB: 976.56, days: 7 })).toBe(key('Mexico 1GB 7 Days'));
    expect(key('Japan 5GB 7 Days', { countries: ['JP'], dataMB: 5000, days: 7 })).toBe(key('Japan 5GB 7 Days'));
    expect(marketedMB(195.31)).toBe(200);
    expect(marketedMB(5632)).toBe(5632);
    expect(marketedMB(1228.8)).toBe(1228.8);
    expect(key('Japan 5.5GB 7 Days')).not.toBe(key('Japan 5GB 7 Days'));
  });

  it('treats a one-day daily quota as the whole quota', () => {
    expect(
      key('Hong Kong-4G-1 day-200M (1 day)', { countries: ['HK'], dataMB: 200, perDay: true, days: 1 }, 'data_plan'),
    ).toBe(key('Hong Kong-4G-1 day-200M', {}, 'data_plan'));
  });

  it('matches cards across suppliers and languages', () => {
    expect(key({ 'zh-CN': 'App Store 充值卡 10 USD', 'en-US': 'App Store & iTunes 10 USD' }, {}, 'card')).toBe(
      key('iTunes Gift Card (US) USD 10', {}, 'card'),
    );
    expect(key('PUBG Mobile 60 UC', { faceValue: { amount: '0.99', currency: 'USD' } }, 'direct_topup')).toBe(
      key('PUBG Mobile UC 60 Top-up', {}, 'direct_topup'),
    );
  });

  it('returns null below the threshold and for incomplete stored attributes', () => {
    expect(key('CMLink Unlimited10GB')).toBeNull();
    expect(key('Korea-3GB/Natural day+eSIM Carrier of 90 days')).toBeNull();
    expect(key('Netflix Gift Card', {}, 'card')).toBeNull();
    // "Top-up 60" says 60 of nothing: neither a face value nor a pack count.
    expect(key('Genshin Impact Top-up 60', {}, 'direct_topup')).toBeNull();
    const stored: PlanAttributes = {
      type: 'plan',
      countries: ['JP'],
      dataMB: 3072,
      unlimited: false,
      perDay: false,
      days: null,
      confidence: 1,
    };
    expect(planMatchKey(stored)).toBeNull();
    expect(planMatchKey({ ...stored, days: 7, confidence: 0.74 })).toBeNull();
    expect(planMatchKey({ ...stored, days: 7, confidence: 0.75 })).toBe('plan|JP|3072|total|7d');
  });
});

describe('measureMatcher', () => {
  it('counts pairs against the labelled groups', () => {
    const item = (title: string, group: string): LabelledTitle => ({
      supplierStyle: 'test',
      kind: 'esim',
      titles: { en: title },
      group,
      expected: { type: 'plan' },
    });
    const quality = measureMatcher([
      item('Japan 3GB 7 Days', 'a'),
      item('Japan eSIM 3GB / 7D', 'a'),
      item('Japan 3GB', 'a'),
      item('Korea 3GB 7 Days', 'b'),
      item('South Korea 3GB 7 Days', 'c'),
    ]);
    // a: one pair found, two missed (the length-less title has no key); b/c: one pair wrongly joined.
    expect(quality.pairs).toEqual({ truePositive: 1, falsePositive: 1, falseNegative: 2 });
    expect(quality.precision).toBe(0.5);
    expect(quality.recall).toBeCloseTo(1 / 3);
    expect(quality.extractionAccuracy).toBe(1);
    expect(quality.failures.filter((f) => f.reason === 'false_positive')).toHaveLength(1);
    expect(quality.failures.filter((f) => f.reason === 'false_negative')).toHaveLength(2);
  });

  it('reports which expected fields were extracted wrongly', () => {
    const quality = measureMatcher([
      {
        supplierStyle: 'test',
        kind: 'esim',
        titles: { en: 'Japan 3GB 7 Days' },
        group: 'x',
        expected: { type: 'plan', countries: ['KR'], days: 7 },
      },
    ]);
    expect(quality.extractionAccuracy).toBe(0);
    expect(quality.failures).toHaveLength(1);
    expect(describeFailure(quality.failures[0])).toContain('countries: expected ["KR"], got ["JP"]');
  });
});

describe('the labelled title set', () => {
  it('covers all five supplier styles with at least 150 titles', () => {
    expect(LABELLED.length).toBeGreaterThanOrEqual(150);
    expect(new Set(LABELLED.map((item) => item.supplierStyle))).toEqual(
      new Set(['dujiao-next', 'mesim', 'billionconnect', 'seagm', 'linksfield']),
    );
  });

  it('is extracted and matched well enough to trust the grid', () => {
    const quality = measureMatcher(LABELLED);
    const report = [
      `precision ${quality.precision.toFixed(3)}, recall ${quality.recall.toFixed(3)}, extraction ${quality.extractionAccuracy.toFixed(3)}`,
      `pairs ${JSON.stringify(quality.pairs)}`,
      ...quality.failures.map(describeFailure),
    ].join('\n');
    expect(quality.extractionAccuracy, report).toBeGreaterThanOrEqual(0.95);
    expect(quality.precision, report).toBeGreaterThanOrEqual(0.95);
    expect(quality.recall, report).toBeGreaterThanOrEqual(0.85);
  });
});

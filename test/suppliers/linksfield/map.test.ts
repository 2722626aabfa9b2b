import { describe, expect, it } from 'vitest';
import { tokenInBody } from '../../../src-main/suppliers/linksfield/client';
import { readCoverage } from '../../../src-main/suppliers/linksfield/countries';
import { mapPackageDetail, type MapContext } from '../../../src-main/suppliers/linksfield/map';
import { packageDetailSchema } from '../../../src-main/suppliers/linksfield/schemas';
import { dataAllowance, isDailyAllowance, validityDays } from '../../../src-main/suppliers/linksfield/plan-fields';
import { mapPageItems } from '../../../src-main/suppliers/shared/validate-items';
import { inEnglishMatching, skippedInEnglish } from '../../helpers/in-english';

function detail(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 30002,
    packageId: 630002,
    packageCode: 'LF-ASIA8-10GB-30D',
    packageShowName: 'Asia 8 Countries 10GB 30 Days',
    packageShortDesc: '10GB high-speed data',
    packageDesc: 'Data across Asia',
    packageFlow: 10240,
    packageType: 1,
    period: 30,
    periodUnit: 'DAY',
    minOrderPeriod: 30,
    maxOrderPeriod: 30,
    buyType: 1,
    priceType: 1,
    coverCountrys: ['440', '450', '520', '525', '502', '452', '515', '510'],
    logo: 'https://cdn.example.com/asia8.png',
    saleCount: 12,
    surplusFlow: 10240,
    updateTime: '2026-03-01 10:00:00',
    currencyInfos: [
      {
        currencyAbbr: 'USD',
        currencyId: 1,
        currencyName: 'US Dollar',
        currencySymbol: '$',
        digitsNum: 2,
        price: 18.5,
        unit: 'USD',
      },
      {
        currencyAbbr: 'CNY',
        currencyId: 2,
        currencyName: 'Chinese Yuan',
        currencySymbol: '¥',
        digitsNum: 2,
        price: '133.02',
        unit: 'CNY',
      },
      {
        currencyAbbr: 'HKD',
        currencyId: 3,
        currencyName: 'Hong Kong Dollar',
        currencySymbol: 'HK$',
        digitsNum: 2,
        price: 144.67,
        unit: 'HKD',
      },
    ],
    ...overrides,
  };
}

const context = (currency = 'USD'): MapContext => ({ currency, listedUnder: new Map([['30002', ['440', '450']]]) });
const map = (raw: Record<string, unknown>, currency = 'USD') =>
  mapPackageDetail(packageDetailSchema.parse(raw), context(currency));

describe('Linksfield package detail → offer', () => {
  it('costs in the account currency and keeps every currency, at the currency scale', () => {
    const usd = map(detail());
    expect(usd.cost).toEqual({ amount: '18.50', currency: 'USD' });
    const raw = usd.raw as {
      prices: Array<{ currency: string; amount: string; currencyId: number }>;
      listedUnder: string[];
    };
    expect(raw.prices.map((p) => `${p.amount} ${p.currency}`)).toEqual(['18.50 USD', '133.02 CNY', '144.67 HKD']);
    expect(raw.prices[1].currencyId).toBe(2);
    expect(raw.listedUnder).toEqual(['440', '450']);
    expect(map(detail(), 'CNY').cost).toEqual({ amount: '133.02', currency: 'CNY' });
  });

  it('refuses a package without a price in the account currency, saying what it has', () => {
    expect(() => map(detail(), 'EUR')).toThrow(
      inEnglishMatching(/no EUR price \(the account currency\); priced in USD, CNY, HKD/),
    );
  });

  it('costs a package whose other currencies are broken, and keeps the breakage visible', () => {
    const infos = [...(detail().currencyInfos as unknown[]), { currencyAbbr: 'EUR', price: 'n/a', digitsNum: 2 }];
    const offer = map(detail({ currencyInfos: infos }));
    expect(offer.cost.amount).toBe('18.50');
    expect((offer.raw as { unreadablePrices: unknown[] }).unreadablePrices).toHaveLength(1);
    expect(() => map(detail({ currencyInfos: infos }), 'EUR')).toThrow(
      inEnglishMatching(/no EUR price.*currency entries unreadable: 1/),
    );
  });

  it('never rounds a price with more digits than digitsNum', () => {
    const infos = [{ currencyAbbr: 'USD', digitsNum: 2, price: '1.2345' }];
    expect(map(detail({ currencyInfos: infos })).cost.amount).toBe('1.2345');
  });

  it('reads plan facts from period, periodUnit, packageFlow, packageType and coverage', () => {
    const offer = map(detail());
    expect(offer.kind).toBe('esim');
    expect(offer.orderable).toBe(true);
    expect(offer.titles).toEqual({ en: 'Asia 8 Countries 10GB 30 Days' });
    expect(offer.plan).toEqual({
      countries: ['ID', 'JP', 'KR', 'MY', 'PH', 'SG', 'TH', 'VN'],
      dataMB: 10240,
      unlimited: false,
      perDay: false,
      days: 30,
    });
    const monthly = map(detail({ period: 3, periodUnit: 'MONTH', packageFlow: '100GB', packageType: 2 }));
    expect(monthly.plan).toMatchObject({ days: 90, dataMB: 102400, perDay: true });
  });

  it('adds the countries a package was listed under when coverage misses them', () => {
    const offer = map(detail({ coverCountrys: ['Thailand', 'nowhere-land'] }));
    expect(offer.plan.countries).toEqual(['JP', 'KR', 'TH']);
    expect((offer.raw as { unreadableCoverage: string[] }).unreadableCoverage).toEqual(['nowhere-land']);
  });

  it('refuses a detail for a package no country listed', () => {
    expect(() => map(detail({ id: 99 }))).toThrow(inEnglishMatching(/package 99, which no country listed/));
  });

  it('skips a malformed detail with its reason, and fails a mostly malformed page', () => {
    const describe = (_raw: unknown, index: number) => `package #${index}`;
    const mapOne = (d: Parameters<typeof mapPackageDetail>[0]) => [mapPackageDetail(d, context())];
    const good = detail();
    const page = mapPageItems([good, { ...good, packageFlow: 'lots' }, good], packageDetailSchema, mapOne, describe);
    expect(page.offers).toHaveLength(2);
    expect(skippedInEnglish(page.skipped)).toEqual([
      { where: 'package #1', reason: 'packageFlow "lots" is not a data amount', productId: expect.any(String) },
    ]);
    const { currencyInfos: _dropped, ...noPrices } = good;
    expect(() => mapPageItems([noPrices, noPrices, good], packageDetailSchema, mapOne, describe)).toThrow(
      inEnglishMatching(/2 of 3 items on one page are malformed.*currencyInfos/),
    );
  });
});

describe('Linksfield field encodings', () => {
  it('turns days and months into days, refusing units it cannot be sure of', () => {
    expect(validityDays(7, 'DAY')).toBe(7);
    expect(validityDays(7, 'days')).toBe(7);
    expect(validityDays(2, 'Month')).toBe(60);
    expect(validityDays(1, '月')).toBe(30);
    expect(() => validityDays(1, 2)).toThrow(
      inEnglishMatching(/^periodUnit 2 is a numeric code the docs do not define/),
    );
    expect(() => validityDays(1, 'year')).toThrow(inEnglishMatching(/^periodUnit "year" is neither days nor months$/));
  });

  it('reads data in MB or with a unit, and the unlimited markers', () => {
    expect(dataAllowance(500)).toEqual({ dataMB: 500, unlimited: false });
    expect(dataAllowance('1.5GB')).toEqual({ dataMB: 1536, unlimited: false });
    expect(dataAllowance(-1)).toEqual({ dataMB: null, unlimited: true });
    expect(dataAllowance('Unlimited')).toEqual({ dataMB: null, unlimited: true });
    expect(() => dataAllowance(0)).toThrow(inEnglishMatching(/^packageFlow 0 gives no data$/));
  });

  it('answers "daily?" only for the codes it knows', () => {
    expect(isDailyAllowance(2)).toBe(true);
    expect(isDailyAllowance('1')).toBe(false);
    expect(isDailyAllowance(7)).toBeUndefined();
    expect(isDailyAllowance(null)).toBeUndefined();
  });

  it('reads coverage written as MCCs, ISO codes, names, joined strings or objects', () => {
    expect(readCoverage(['460', 454, 'MO']).countries).toEqual(['CN', 'HK', 'MO']);
    expect(readCoverage('440,450;Thailand').countries).toEqual(['JP', 'KR', 'TH']);
    expect(readCoverage(['日本', '韓國', 'South Korea', 'Netherlands', 'Türkiye']).countries).toEqual([
      'JP',
      'KR',
      'NL',
      'TR',
    ]);
    expect(readCoverage([{ countryCode: 310, countryName: 'USA' }, { isoCountryName: 'Canada' }]).countries).toEqual([
      'CA',
      'US',
    ]);
    expect(readCoverage(['999', 'Atlantis'])).toEqual({ countries: [], unreadable: ['999', 'Atlantis'] });
    expect(readCoverage(null)).toEqual({ countries: [], unreadable: [] });
  });

  it('finds the login token in the body when no header carries it, but not in a message', () => {
    expect(tokenInBody({ 'x-access-token': 'eyJhbGciOiJIUzI1NiJ9.abc' })).toBe('eyJhbGciOiJIUzI1NiJ9.abc');
    expect(tokenInBody({ token: 'abcdef0123456789abcd' })).toBe('abcdef0123456789abcd');
    expect(tokenInBody('abcdef0123456789abcd')).toBe('abcdef0123456789abcd');
    expect(tokenInBody('login success')).toBeNull();
    expect(tokenInBody(null)).toBeNull();
  });
});

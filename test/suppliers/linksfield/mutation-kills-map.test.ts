import { describe, expect, it } from 'vitest';
import { mapPackageDetail, type MapContext } from '../../../src-main/suppliers/linksfield/map';
import { packageDetailSchema } from '../../../src-main/suppliers/linksfield/schemas';

// Written against the mutants StrykerJS left alive in linksfield/map.ts (`npm run mutation`): what a package needs
// before it can be listed and ordered.
function detail(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 30002,
    packageId: 630002,
    packageCode: 'LF-ASIA8-10GB-30D',
    packageShowName: 'Asia 8 Countries 10GB 30 Days',
    packageFlow: 10240,
    packageType: 1,
    period: 30,
    periodUnit: 'DAY',
    coverCountrys: ['440', '450'],
    currencyInfos: [{ currencyAbbr: 'USD', currencyId: 1, digitsNum: 2, price: 18.5, unit: 'USD' }],
    ...overrides,
  };
}
const context: MapContext = { currency: 'USD', listedUnder: new Map([['30002', ['440']]]) };
const problems = (raw: Record<string, unknown>) =>
  packageDetailSchema.safeParse(raw).error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) ?? [];

describe('Linksfield package detail: what must be there to order it', () => {
  it('takes a package id only as a whole number, in a number or in text', () => {
    expect(packageDetailSchema.parse(detail({ id: '30002' })).id).toBe('30002');
    expect(problems(detail({ id: '30002a' }))).toContainEqual('id: must be a numeric id');
    expect(problems(detail({ id: 'a30002' }))).toContainEqual('id: must be a numeric id');
    expect(problems(detail({ id: 'abc' }))).toContainEqual('id: must be a numeric id');
  });

  it('reads a period written as text, and refuses one that is not a whole number', () => {
    expect(packageDetailSchema.parse(detail({ period: '30' })).period).toBe(30);
    expect(packageDetailSchema.parse(detail({ period: '365' })).period).toBe(365);
    expect(packageDetailSchema.safeParse(detail({ period: '30 days' })).success).toBe(false);
    expect(packageDetailSchema.safeParse(detail({ period: 'd30' })).success).toBe(false);
    expect(problems(detail({ period: 0 }))).toContainEqual('period: period must be at least 1');
  });

  it('says which field is missing: the package code (needed to order), the name, the prices', () => {
    expect(problems(detail({ packageCode: '  ' }))).toContainEqual('packageCode: packageCode is required to order');
    expect(problems(detail({ packageShowName: '' }))).toContainEqual('packageShowName: packageShowName is empty');
    expect(problems(detail({ currencyInfos: [] }))).toContainEqual('currencyInfos: currencyInfos is empty');
  });

  it('an offer is delivered automatically with no buyer input, as one variant-free SKU', () => {
    const offer = mapPackageDetail(packageDetailSchema.parse(detail()), context);
    expect(offer.fulfillment).toEqual({ mode: 'auto', inputFields: [] });
    expect(offer.variant).toBe('');
    expect(offer.images).toEqual([]);
  });
});

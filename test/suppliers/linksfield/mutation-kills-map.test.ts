import { describe, expect, it } from 'vitest';
import { mapPackageDetail, type MapContext } from '../../../src-main/suppliers/linksfield/map';
import { packageDetailSchema } from '../../../src-main/suppliers/linksfield/schemas';
import { issueAsText } from '../../../src-main/suppliers/shared/issue-text';
import { inEnglish } from '../../helpers/in-english';

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
/** Each problem of a detail as the Sync screen says it in English. */
const problems = (raw: Record<string, unknown>) =>
  packageDetailSchema.safeParse(raw).error?.issues.map((issue) => inEnglish(issueAsText(issue))) ?? [];

describe('Linksfield package detail: what must be there to order it', () => {
  it('takes a package id only as a whole number, in a number or in text', () => {
    expect(packageDetailSchema.parse(detail({ id: '30002' })).id).toBe('30002');
    expect(problems(detail({ id: '30002a' }))).toContainEqual('field id: not a whole number');
    expect(problems(detail({ id: 'a30002' }))).toContainEqual('field id: not a whole number');
    expect(problems(detail({ id: 'abc' }))).toContainEqual('field id: not a whole number');
  });

  it('reads a period written as text, and refuses one that is not a whole number', () => {
    expect(packageDetailSchema.parse(detail({ period: '30' })).period).toBe(30);
    expect(packageDetailSchema.parse(detail({ period: '365' })).period).toBe(365);
    expect(packageDetailSchema.safeParse(detail({ period: '30 days' })).success).toBe(false);
    expect(packageDetailSchema.safeParse(detail({ period: 'd30' })).success).toBe(false);
    expect(problems(detail({ period: 0 }))).toContainEqual('field period: must be more than 0');
  });

  it('says which field is missing: the package code (needed to order), the name, the prices', () => {
    expect(problems(detail({ packageCode: '  ' }))).toContainEqual('field packageCode: must not be empty');
    expect(problems(detail({ packageShowName: '' }))).toContainEqual('field packageShowName: must not be empty');
    expect(problems(detail({ currencyInfos: [] }))).toContainEqual('field currencyInfos: must not be empty');
  });

  it('an offer is delivered automatically with no buyer input, as one variant-free SKU', () => {
    const offer = mapPackageDetail(packageDetailSchema.parse(detail()), context);
    expect(offer.fulfillment).toEqual({ mode: 'auto', inputFields: [] });
    expect(offer.variant).toBe('');
    expect(offer.images).toEqual([]);
  });
});

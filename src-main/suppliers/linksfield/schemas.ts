import { z } from 'zod';
import { issueText } from '../../../src-shared/issue-codes';

/* What Linksfield's FMS answers, validated: the listing's entries and the package detail. */

/** A package id: a positive number, or its digits as text. */
const packageRef = z.union([z.number().int().positive(), z.string().regex(/^\d+$/, issueText('problem.wholeNumber'))]);
const wholeNumber = z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]);
const code = z.union([z.number(), z.string()]);

/** `POST /v1.1/package/detail` data, field names as linksfield-fields.md lists them. Unknown fields are kept for raw. */
export const packageDetailSchema = z.looseObject({
  id: packageRef,
  packageId: z.union([z.number(), z.string()]).nullish(),
  /** Ordering (preOrderPackage) needs it beside the id. */
  packageCode: z.string().trim().min(1),
  packageShowName: z.string().trim().min(1),
  packageShortDesc: z.string().nullish(),
  packageDesc: z.string().nullish(),
  packageFlow: z.union([z.number(), z.string()]),
  packageType: code.nullish(),
  period: wholeNumber.pipe(z.number().int().positive()),
  periodUnit: code,
  minOrderPeriod: wholeNumber.nullish(),
  maxOrderPeriod: wholeNumber.nullish(),
  buyType: code.nullish(),
  priceType: code.nullish(),
  coverCountrys: z.unknown(),
  logo: z.string().nullish(),
  saleCount: z.number().nullish(),
  surplusFlow: z.union([z.number(), z.string()]).nullish(),
  updateTime: z.union([z.string(), z.number()]).nullish(),
  currencyInfos: z.array(z.unknown()).min(1),
});
export type PackageDetail = z.infer<typeof packageDetailSchema>;

const mccField = z.union([
  z.number().int().min(100).max(999),
  z
    .string()
    .regex(/^\d{3}$/)
    .transform(Number),
]);

/** One country of `POST /package/countryPackageList`. */
export const countryEntrySchema = z.looseObject({
  countryCode: mccField.nullish(),
  isoCountryName: z.string().trim().min(1).nullish(),
});

/** One package of a country's list: only its id is needed, the detail says the rest. */
export const packageEntrySchema = z.looseObject({ id: packageRef });

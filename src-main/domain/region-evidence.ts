import type { PlanAttributes } from './plan-attributes';

// A bundle named "Asia 8 Countries" (亚洲8国, 亞洲8國…) means different countries at different suppliers, so no table of
// ours can say which. The catalog can: suppliers that list a bundle's countries (BillionConnect's country list,
// Linksfield's coverCountrys, a listing title) are evidence of what that name and count stand for. When all of them
// agree, an offer that only names the bundle joins that set's row; when two listings disagree, an offer naming it is
// left alone, and says why.

/** Region key ("ASIA-8") → listed country set ("ID,JP,…") → how many offers list it so. Plain JSON, so it can be stored. */
export type RegionEvidence = Record<string, Record<string, number>>;

/** Region key → the one set every listing agrees on, or `ambiguous` when listings disagree. */
export type RegionResolution = ReadonlyMap<string, readonly string[] | 'ambiguous'>;

export const NO_REGIONS: RegionResolution = new Map();

/** What an offer says a counted region is: its region key and its countries, when it lists them (and their count agrees). */
export function regionClaim(attributes: PlanAttributes): { region: string; countries: string } | null {
  if (attributes.type !== 'plan' || !attributes.region) return null;
  const { countries, region } = attributes;
  if (countries.length === 0 || countries.some((code) => !/^[A-Z]{2}$/.test(code))) return null;
  const count = Number(/-(\d+)$/.exec(region)?.[1]);
  // A listing that contradicts its own title's count is no evidence of what the name means.
  if (count !== countries.length) return null;
  return { region, countries: [...countries].sort().join(',') };
}

/** Adds (delta 1) or withdraws (delta -1) one offer's claim. Returns whether it had one. */
export function countClaim(evidence: RegionEvidence, attributes: PlanAttributes, delta: 1 | -1): boolean {
  const claim = regionClaim(attributes);
  if (!claim) return false;
  const sets = (evidence[claim.region] ??= {});
  const count = (sets[claim.countries] ?? 0) + delta;
  if (count > 0) sets[claim.countries] = count;
  else delete sets[claim.countries];
  if (Object.keys(sets).length === 0) delete evidence[claim.region];
  return true;
}

export function gatherEvidence(attributes: Iterable<PlanAttributes>): RegionEvidence {
  const evidence: RegionEvidence = {};
  for (const each of attributes) countClaim(evidence, each, 1);
  return evidence;
}

export function resolveRegions(evidence: RegionEvidence): RegionResolution {
  const resolution = new Map<string, readonly string[] | 'ambiguous'>();
  for (const [region, sets] of Object.entries(evidence)) {
    const listed = Object.keys(sets);
    if (listed.length === 1) resolution.set(region, listed[0].split(','));
    else if (listed.length > 1) resolution.set(region, 'ambiguous');
  }
  return resolution;
}

/** A stable text of a resolution, to tell whether new evidence changes what any name means. */
export function resolutionSignature(resolution: RegionResolution): string {
  return JSON.stringify([...resolution].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * The attributes the grid matches on: an offer that only names a counted region ("REGION:ASIA-8") takes the country
 * set the catalog's listings agree on, or is marked ambiguous (and then matches nothing) when they disagree. Anything
 * else is returned as it is.
 */
export function withRegionResolved(attributes: PlanAttributes, resolution: RegionResolution): PlanAttributes {
  if (attributes.type !== 'plan' || !attributes.region || resolution.size === 0) return attributes;
  if (attributes.countries.length !== 1 || attributes.countries[0] !== `REGION:${attributes.region}`) return attributes;
  const resolved = resolution.get(attributes.region);
  if (!resolved) return attributes;
  if (resolved === 'ambiguous') return { ...attributes, regionMatch: 'ambiguous' };
  return { ...attributes, countries: [...resolved], regionMatch: 'resolved' };
}

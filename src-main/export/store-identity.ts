import { createHash } from 'node:crypto';
import { DESTINATIONS, REGIONS } from '../domain/geography';
import type { OfferKind } from '../domain/offer';
import type { PlanAttributes } from '../domain/plan-attributes';

/** Shopify shows the handle in the product's address: short enough to read, cut at a word. */
export const HANDLE_MAX = 60;

/** A slug: lowercase ASCII words joined by single hyphens. */
export const HANDLE_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** What a handle is derived from: the plan's attributes first, its English title only when they say nothing. */
export interface HandleSource {
  kind: OfferKind;
  attributes: PlanAttributes;
  englishTitle: string;
}

// Words for a shopper's address bar, not the merchant's labels.
const KIND_WORDS: Record<OfferKind, string> = {
  esim: 'esim',
  data_plan: 'data-plan',
  card: 'gift-card',
  direct_topup: 'top-up',
  mobile_recharge: 'mobile-recharge',
  other: 'digital-goods',
};

const englishNames = new Map(DESTINATIONS.map((destination) => [destination.iso, destination.en]));
const regionNames = new Map(REGIONS.map((region) => [region.code, region.en]));
let displayNames: Intl.DisplayNames | null = null;

/** Any text → lowercase ASCII words: accents dropped (Curaçao → curacao), everything else a separator. */
export function slugWords(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function countryWords(code: string): string {
  if (code.startsWith('REGION:'))
    return slugWords(regionNames.get(code.slice('REGION:'.length)) ?? code.slice('REGION:'.length));
  const known = englishNames.get(code);
  if (known) return slugWords(known);
  displayNames ??= new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });
  // ICU's long forms ("Hong Kong SAR China") are accurate but not what a shopper types.
  return slugWords((displayNames.of(code) ?? code).replace(/ SAR China$/, ''));
}

function coverageWords(countries: readonly string[]): string {
  const sorted = [...countries].sort();
  const region = REGIONS.find(
    (candidate) =>
      candidate.countries.length === sorted.length &&
      [...candidate.countries].sort().every((code, i) => code === sorted[i]),
  );
  if (region) return slugWords(region.en);
  if (countries.length <= 3) return countries.map(countryWords).join('-');
  return `${countries.slice(0, 2).map(countryWords).join('-')}-and-${countries.length - 2}-more`;
}

const volumeWords = (mb: number) => (mb % 1024 === 0 ? `${mb / 1024}gb` : `${mb}mb`);

function planWords(attributes: Extract<PlanAttributes, { type: 'plan' }>): string[] {
  const words: string[] = [];
  if (attributes.countries.length) words.push(coverageWords(attributes.countries));
  if (attributes.unlimited) words.push('unlimited');
  if (attributes.dataMB !== null) words.push(volumeWords(attributes.dataMB) + (attributes.perDay ? '-daily' : ''));
  if (attributes.days !== null) words.push(attributes.days === 1 ? '1-day' : `${attributes.days}-days`);
  return words;
}

function goodsWords(source: HandleSource, attributes: Extract<PlanAttributes, { type: 'goods' }>): string[] {
  // A brand read from a Chinese-only title has no ASCII words: the kind stands in for it.
  const name = slugWords(attributes.name) || KIND_WORDS[source.kind];
  const face = attributes.faceValue ? slugWords(`${attributes.faceValue.amount} ${attributes.faceValue.currency}`) : '';
  return [name, face];
}

function cut(slug: string, max: number): string {
  if (slug.length <= max) return slug;
  const head = slug.slice(0, max + 1);
  const atWord = head.lastIndexOf('-');
  return (atWord > 0 ? head.slice(0, atWord) : slug.slice(0, max)).replace(/-+$/, '');
}

/**
 * The readable handle a plan asks for, before collisions: `japan-10gb-30-days`, `china-hong-kong-macau-5gb-7-days`,
 * `steam-wallet-100-cny`. Read from the plan's attributes, which are the same in every language, so a plan whose
 * suppliers write only Chinese still gets English words; the English title is used only when the attributes say
 * nothing, and the kind (`esim`) when there is no title in Latin letters either.
 */
export function handleBase(source: HandleSource): string {
  const words =
    source.attributes.type === 'plan' ? planWords(source.attributes) : goodsWords(source, source.attributes);
  const fromAttributes = slugWords(words.filter(Boolean).join('-'));
  const base =
    fromAttributes && fromAttributes !== KIND_WORDS[source.kind]
      ? fromAttributes
      : slugWords(source.englishTitle) || fromAttributes || KIND_WORDS[source.kind];
  // Room for a collision suffix (`-12`) inside the limit.
  return cut(base, HANDLE_MAX - 4);
}

/**
 * The first free handle for `base`: the base itself, else `base-2`, `base-3`, … A suffix appears only on a collision,
 * and since handles are kept once given (export_handles), the plan that had `base` first keeps it for good.
 */
export function freeHandle(base: string, taken: (handle: string) => boolean): string {
  if (!taken(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken(candidate)) return candidate;
  }
}

/**
 * The handle exports wrote before handles were kept: the plan key's words and a hash of the key
 * (`hk-mo-5120-total-7d-1f3a9c2e`). A plan some store already received under it keeps it, so re-importing does
 * not create a second product.
 */
export function legacyHandle(planKey: string): string {
  const words = planKey
    .replace(/^(plan|goods)\|/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, HANDLE_MAX)
    .replace(/^-+|-+$/g, '');
  const hash = createHash('sha256').update(planKey).digest('hex').slice(0, 8);
  return words ? `${words}-${hash}` : hash;
}

import { canonicalLocale, displayTitle, languageOf } from '../domain/locale';
import type { OfferKind } from '../domain/offer';
import type { PlanAttributes } from '../domain/plan-attributes';
import type { PlanRow } from '../../src-shared/grid-types';
import { bestOffer } from './best-offer';

/**
 * The words a store listing needs beyond the supplier's title: what the plan covers, how much data, how
 * long. Written in English or Chinese (the languages the app speaks); any other language reads English.
 */
type Wording = 'en' | 'zh';

// Written for shoppers reading the store ("Gift card", "Digital goods"), not the merchant's own labels in the app.
const KIND_LABELS: Record<Wording, Record<OfferKind, string>> = {
  en: {
    esim: 'eSIM',
    data_plan: 'Data plan',
    card: 'Gift card',
    direct_topup: 'Top-up',
    mobile_recharge: 'Mobile recharge',
    other: 'Digital goods',
  },
  zh: {
    esim: 'eSIM',
    data_plan: '流量套餐',
    card: '礼品卡',
    direct_topup: '直充',
    mobile_recharge: '话费充值',
    other: '数字商品',
  },
};

const WORDS = {
  en: {
    coverage: 'Coverage',
    data: 'Data',
    validity: 'Validity',
    faceValue: 'Face value',
    unlimited: 'Unlimited',
    highSpeed: (size: string) => `${size} high-speed`,
    perDay: (size: string) => `${size}/day`,
    days: (n: number) => (n === 1 ? '1 day' : `${n} days`),
    separator: ', ',
  },
  zh: {
    coverage: '覆盖地区',
    data: '流量',
    validity: '有效期',
    faceValue: '面值',
    unlimited: '无限流量',
    highSpeed: (size: string) => `高速 ${size}`,
    perDay: (size: string) => `每天 ${size}`,
    days: (n: number) => `${n}天`,
    separator: '、',
  },
} satisfies Record<Wording, unknown>;

const wordingOf = (language: string): Wording => (languageOf(language) === 'zh' ? 'zh' : 'en');

/**
 * The row's title in a language, with the usual fallbacks (zh-TW → zh-CN → en, …), from the offer the grid
 * names the row by: the best one, or the first when the plan is sold out.
 */
export function planTitle(row: PlanRow, language: string): string {
  const source = bestOffer(row) ?? row.offers[0];
  return source ? displayTitle(source.titles, language) : '';
}

const isTraditional = (tag: string) => /-(TW|HK|MO)$/.test(canonicalLocale(tag));

/** Whether a title in `tag` is written in `language`: same language, and for Chinese the same script. */
export function writtenIn(tag: string, language: string): boolean {
  if (languageOf(tag) !== languageOf(language)) return false;
  return languageOf(language) !== 'zh' || isTraditional(tag) === isTraditional(language);
}

/**
 * The row's title written in `language`, or '' when no supplier wrote one: the named offer's first, then any other
 * member's (they sell the same plan). Never another language's title under this language's name.
 */
export function planTitleWrittenIn(row: PlanRow, language: string): string {
  const named = bestOffer(row) ?? row.offers[0];
  const sources = named ? [named, ...row.offers.filter((offer) => offer !== named)] : row.offers;
  const exact = canonicalLocale(language);
  for (const offer of sources) {
    const entries = Object.entries(offer.titles).filter(
      ([tag, text]) => text.trim() !== '' && writtenIn(tag, language),
    );
    const found = entries.find(([tag]) => canonicalLocale(tag) === exact) ?? entries[0];
    if (found) return found[1];
  }
  return '';
}

export function kindLabel(kind: OfferKind, language: string): string {
  return KIND_LABELS[wordingOf(language)][kind];
}

const regionNames = new Map<string, Intl.DisplayNames>();

/** "HK" → "Hong Kong SAR China" / "中国香港特别行政区"; a region token or unknown code stays as it is. */
export function countryName(code: string, language: string): string {
  if (!/^[A-Z]{2}$/.test(code)) return code.replace(/^REGION:/, '');
  let names = regionNames.get(language);
  if (!names) {
    try {
      names = new Intl.DisplayNames([language, 'en'], { type: 'region', fallback: 'code' });
    } catch {
      names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });
    }
    regionNames.set(language, names);
  }
  return names.of(code) ?? code;
}

export function dataSize(mb: number): string {
  if (mb < 1024) return `${mb} MB`;
  return `${Number((mb / 1024).toFixed(2))} GB`;
}

/** The plan's facts as labelled lines, in reading order; empty for goods without a face value. */
export function planFacts(attributes: PlanAttributes, language: string): Array<{ label: string; value: string }> {
  const words = WORDS[wordingOf(language)];
  if (attributes.type === 'goods') {
    return attributes.faceValue
      ? [{ label: words.faceValue, value: `${attributes.faceValue.amount} ${attributes.faceValue.currency}` }]
      : [];
  }
  const facts: Array<{ label: string; value: string }> = [];
  if (attributes.countries.length)
    facts.push({
      label: words.coverage,
      value: attributes.countries.map((c) => countryName(c, language)).join(words.separator),
    });
  const size = attributes.dataMB === null ? null : dataSize(attributes.dataMB);
  if (attributes.unlimited)
    facts.push({ label: words.data, value: size ? `${words.unlimited} (${words.highSpeed(size)})` : words.unlimited });
  else if (size) facts.push({ label: words.data, value: attributes.perDay ? words.perDay(size) : size });
  if (attributes.days !== null) facts.push({ label: words.validity, value: words.days(attributes.days) });
  return facts;
}

/** One line for short descriptions: "Japan · 5 GB · 7 days". */
export function planSummary(attributes: PlanAttributes, language: string): string {
  return planFacts(attributes, language)
    .map((fact) => fact.value)
    .join(' · ');
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]);

/** The facts as an HTML list, for the stores' long description fields; empty when there are none. */
export function planDescriptionHtml(attributes: PlanAttributes, language: string): string {
  const items = planFacts(attributes, language).map(
    (fact) => `<li>${escapeHtml(fact.label)}: ${escapeHtml(fact.value)}</li>`,
  );
  return items.length ? `<ul>${items.join('')}</ul>` : '';
}

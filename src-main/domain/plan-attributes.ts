import type { LocalizedText, OfferKind, PlanFacts } from './offer';
import { placeText, scanPlaces, type PlaceMatch } from './places';
import { toSimplified } from './search-text';

/**
 * What an offer *is*, independent of which supplier sells it: the facts that decide whether two offers
 * belong in the same grid row. Plans are read from structured PlanFacts first and titles second; goods
 * from the title's brand and face value.
 */
export type PlanAttributes =
  | {
      type: 'plan';
      /** ISO alpha-2, sorted, deduped; a region whose member list is unknown is one `REGION:<code>` token. */
      countries: string[];
      /** Per-day quota when `perDay`; the high-speed cap when `unlimited`; null when unknown or uncapped. */
      dataMB: number | null;
      unlimited: boolean;
      perDay: boolean;
      days: number | null;
      /**
       * The counted region a title names ("ASIA-8" for 亚洲8国 / Asia 8 Countries), listed or not: the catalog's own
       * listings say which countries it is (region-evidence.ts).
       */
      region?: string;
      /** Set once the catalog's evidence was applied: `resolved` = countries learnt from listings; `ambiguous` = two sets share the name. */
      regionMatch?: 'resolved' | 'ambiguous';
      confidence: number;
    }
  | {
      type: 'goods';
      /** Brand/product words, lowercase, without face value, currency or packaging words ("steam wallet"). */
      name: string;
      /** Amount is a canonical decimal string ("100", "6.5"): trailing zeros say nothing about the value. */
      faceValue: { amount: string; currency: string } | null;
      /** Where it is used (a mobile recharge's country), ISO alpha-2, sorted; not part of what makes two goods one. */
      countries?: string[];
      confidence: number;
    };

export type PlanAttributesOf<T extends PlanAttributes['type']> = Extract<PlanAttributes, { type: T }>;

/**
 * Below this an offer stays in a row of its own. A plan reaches it only when countries, volume and length
 * are all known (each missing part costs more than the margin) and no two of its titles contradict each
 * other; goods need a name plus a denomination (a face value, or a count such as "86 Diamonds").
 * Grouping two different plans shows a merchant a wrong price comparison, which is worse than a missed match.
 */
export const MATCH_CONFIDENCE_THRESHOLD = 0.75;

const PLAN_KINDS: ReadonlySet<OfferKind> = new Set<OfferKind>(['esim', 'data_plan']);

export function extractAttributes(offer: { titles: LocalizedText; kind: OfferKind; plan: PlanFacts }): PlanAttributes {
  const titles = orderedTitles(offer.titles ?? {});
  const facts = offer.plan ?? {};
  return PLAN_KINDS.has(offer.kind) ? extractPlan(titles, facts) : extractGoods(titles, facts);
}

/** Equal keys = the same grid row. Null when the attributes are too uncertain to stand beside anything else. */
export function planMatchKey(attributes: PlanAttributes): string | null {
  if (!(attributes.confidence >= MATCH_CONFIDENCE_THRESHOLD)) return null;
  if (attributes.type === 'plan') {
    const { countries, dataMB, unlimited, perDay, days } = attributes;
    // Attributes may come from storage rather than from extractAttributes: never key an incomplete plan.
    if (countries.length === 0 || days === null || (!unlimited && dataMB === null)) return null;
    // Never a guess between two different country sets sold under one name and count.
    if (attributes.regionMatch === 'ambiguous') return null;
    // The quota rule: what happens after the high-speed quota is not part of the plan, so a throttled "unlimited"
    // plan with 50 GB at full speed is a 50 GB plan; only a plan with no quota at all is "unlimited".
    const volume = dataMB === null ? 'unlimited' : String(marketedMB(dataMB));
    // A one-day plan's daily quota is its whole quota: "1 day-200M" and "200MB/day for 1 day" are one plan.
    const quota = perDay && days !== 1 ? 'per-day' : 'total';
    return `plan|${[...countries].sort().join(',')}|${volume}|${quota}|${days}d`;
  }
  if (!attributes.name) return null;
  // Word order carries no meaning across suppliers ("PUBG Mobile 60 UC" / "PUBG Mobile UC 60").
  const words = attributes.name.split(' ').filter(Boolean).sort().join(' ');
  // A pack named by its count ("86 Diamonds") is the same pack whatever list price or currency a supplier
  // quotes for it; a card without a count is told apart only by its face value (Steam 100 CNY ≠ 100 USD).
  if (hasPackCount(attributes.name)) return `goods|${words}|count`;
  if (!attributes.faceValue) return null;
  return `goods|${words}|${canonicalAmount(attributes.faceValue.amount)} ${attributes.faceValue.currency.toUpperCase()}`;
}

// ---------------------------------------------------------------------------------------------------------
// Titles

/** English first (suppliers' most regular wording), then Simplified, then Traditional Chinese, then the rest. */
function localeRank(tag: string): number {
  const lower = tag.toLowerCase().replace(/_/g, '-');
  if (lower === 'en' || lower.startsWith('en-')) return 0;
  if (lower === 'zh' || lower === 'zh-cn' || lower === 'zh-sg' || lower.startsWith('zh-hans')) return 1;
  if (lower.startsWith('zh')) return 2;
  return 3;
}

function orderedTitles(titles: LocalizedText): string[] {
  const ranked = Object.entries(titles)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1].trim() !== '')
    .map(([tag, text]) => ({ rank: localeRank(tag), text: text.trim() }))
    .sort((a, b) => a.rank - b.rank);
  // MeSIM repeats the English title under zh-CN: read it once, so it neither counts twice nor "agrees" with itself.
  return [...new Set(ranked.map((entry) => entry.text))];
}

// Revision marks that say nothing about the product: "[v3]", "(v2)", "(Rev 2)", a trailing " v2", Dujiao's "#2" duplicates.
const TITLE_ARTIFACTS = /\s*[[(（](?:v|rev\s*)\d+[\])）]|\s#\d+\b|\sv\d+$/gi;

function cleanTitle(raw: string): string {
  // NFKC first: full-width digits and letters (５ＧＢ) and full-width punctuation become ASCII.
  return raw.normalize('NFKC').replace(TITLE_ARTIFACTS, ' ');
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

// Chinese numerals are read only in front of a unit, where they cannot be part of a word (统一, 一国两制).
const CHINESE_NUMERAL_BEFORE_UNIT =
  /([零〇一二两兩三四五六七八九十百]+)(?=\s*(?:天|日|个月|個月|月|周|週|星期|年|国|國|个国家|個國家|小时|小時))/g;
const CHINESE_DIGITS: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  兩: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

function chineseNumeralValue(numeral: string): number {
  let total = 0;
  let digit = 0;
  for (const char of numeral) {
    if (char === '十') {
      total += (digit || 1) * 10;
      digit = 0;
    } else if (char === '百') {
      total += (digit || 1) * 100;
      digit = 0;
    } else {
      digit = CHINESE_DIGITS[char] ?? 0;
    }
  }
  return total + digit;
}

function withArabicNumerals(text: string): string {
  return CJK.test(text)
    ? text.replace(CHINESE_NUMERAL_BEFORE_UNIT, (numeral) => String(chineseNumeralValue(numeral)))
    : text;
}

// ---------------------------------------------------------------------------------------------------------
// Places

// Operators whose names contain a country they do not limit the plan to ("China Mobile Hong Kong" is HK).
const CARRIER_NAMES_WITH_COUNTRY =
  /\bchina (?:mobile|unicom|telecom)\b|中国移动|中國移動|中国联通|中國聯通|中国电信|中國電信/g;

// Uppercase codes are read only from the original casing, where "US" cannot be the word "us".
const COUNTRY_CODE = /(?<![A-Za-z])(USA|UK|HK|MO|TW|CN|JP|KR|SG|TH|VN|MY|PH|AU|NZ|US|EU)(?![A-Za-z])/g;
const CODE_TO_ISO: Readonly<Record<string, string>> = { USA: 'US', UK: 'GB' };

const REGION_COUNT =
  /(?<![\d.])(\d{1,3})\s*(?:countries|country|nations|destinations|regions|个国家和地区|個國家和地區|个国家|個國家|国家|國家|国|國|地区|地區)(?![a-z])/;

/** A carrier named without any country says where the plan is (樂天 Rakuten Unlimited 4GB is Japanese). */
const CARRIER_HOME: ReadonlyArray<[RegExp, string]> = [
  [/\b(?:rakuten|softbank|docomo|kddi)\b|乐天|樂天|软银|軟銀/, 'JP'],
  [/\b(?:ais|dtac|truemove)\b/, 'TH'],
  [/\b(?:csl|smartone|cmhk|peoples)\b/, 'HK'],
  [/\b(?:chunghwa|far eastone|fareastone)\b|中华电信|中華電信|远传|遠傳/, 'TW'],
  [/\b(?:sk telecom|skt)\b/, 'KR'],
  [/\b(?:singtel|starhub)\b/, 'SG'],
  [/\b(?:celcom|maxis)\b/, 'MY'],
  [/\b(?:telkomsel|indosat)\b/, 'ID'],
];

interface PlacesRead {
  countries: string[] | null;
  /** The counted region the title names ("EU-33"), or null. */
  region: string | null;
  /** A REGION: token stands in for a member list nobody gave us. */
  regionToken: boolean;
  /** Known only from a carrier name. */
  inferred: boolean;
}

function readPlaces(original: string, numeric: string): PlacesRead {
  const text = placeText(numeric.replace(CARRIER_NAMES_WITH_COUNTRY, ' '));
  const named = new Set<string>();
  const continents = new Set<string>();
  let previous: PlaceMatch | null = null;
  for (const match of scanPlaces(text)) {
    if ('region' in match.value) {
      continents.add(match.value.region);
    } else {
      const isos = match.value.countries;
      // "Hong Kong, China" / "香港（中国）" name one place, not two.
      const qualifiesPrevious =
        previous !== null &&
        isos.length === 1 &&
        isos[0] === 'CN' &&
        !('region' in previous.value) &&
        previous.value.countries.length === 1 &&
        ['HK', 'MO', 'TW'].includes(previous.value.countries[0]) &&
        text.slice(previous.end, match.start).trim() === '';
      if (!qualifiesPrevious) for (const iso of isos) named.add(iso);
    }
    previous = match;
  }
  for (const match of original.matchAll(COUNTRY_CODE)) {
    if (match[1] === 'EU') continents.add('EU');
    else named.add(CODE_TO_ISO[match[1]] ?? match[1]);
  }
  const countMatch = REGION_COUNT.exec(text);
  const count = countMatch ? Number(countMatch[1]) : null;
  // A count that equals the countries the title names means the title listed them all ("Asia 3 Countries: …").
  const listedAll = named.size > 0 && count === named.size;
  const regionKey =
    continents.size > 0 || count !== null
      ? `${continents.size ? [...continents].sort().join('+') : 'MULTI'}${count !== null ? `-${count}` : ''}`
      : null;
  // Only a counted region can be learnt from listings; "Europe" alone means too many different things.
  const region = regionKey !== null && count !== null ? regionKey : null;
  if (regionKey !== null && !listedAll)
    return { countries: [`REGION:${regionKey}`], region, regionToken: true, inferred: false };
  if (named.size > 0) return { countries: [...named].sort(), region, regionToken: false, inferred: false };
  for (const [carrier, iso] of CARRIER_HOME)
    if (carrier.test(text)) return { countries: [iso], region: null, regionToken: false, inferred: true };
  return { countries: null, region: null, regionToken: false, inferred: false };
}

// ---------------------------------------------------------------------------------------------------------
// Volume, length, per-day

const MB_PER_UNIT: Readonly<Record<string, number>> = {
  tb: 1024 * 1024,
  gb: 1024,
  gib: 1024,
  g: 1024,
  mb: 1,
  mib: 1,
  m: 1,
};

// No word boundary in front: MeSIM writes "Unlimited10GB". "mbps"/"kbps" fail the letter check after the unit.
const DATA_AMOUNT = /(?<![\d.])(\d+(?:\.\d+)?)\s*(tb|gb|gib|g|mb|mib|m)(?![a-z])/g;
const NETWORK_CONTEXT_AFTER = /^\s*(?:\/|网络|網絡|網路|lte|network|nr\b|sa\b|nsa\b)/;
const DATA_WORD_AFTER = /^\s*(?:流量|数据|數據|data|高速|全速)/;
const UNLIMITED = /unlimited|unlimted|無限|无限|不限量|不限流量|吃到饱|吃到飽/;
const PER_DAY =
  /(?:\/|\bper|\beach|\bevery)\s*(?:natural\s*)?(?:day|d)(?![a-z])|\bdaily\b|\bnatural\s*days?\b|每日|每天|每自然日|\/\s*(?:天|日|自然日)|日包/;

const DURATION =
  /(?<![\d.])(\d{1,4})\s*-?\s*(days?|d|天|日|weeks?|wks?|周|週|星期|months?|mos?|个月|個月|月|years?|yrs?|年|hours?|hrs?|h|小时|小時)(?![a-z])/g;
const DAYS_PER_UNIT: ReadonlyArray<[RegExp, number]> = [
  [/^(?:days?|d|天|日)$/, 1],
  [/^(?:weeks?|wks?|周|週|星期)$/, 7],
  // Commercial month, as eSIM sellers count validity ("1 month" = 30 days).
  [/^(?:months?|mos?|个月|個月|月)$/, 30],
  [/^(?:years?|yrs?|年)$/, 365],
];
const HOUR_UNIT = /^(?:hours?|hrs?|h|小时|小時)$/;
// The window to install or activate the eSIM, not how long the plan lasts ("eSIM Carrier of 90 days").
const ACTIVATION_BEFORE =
  /(?:activat|激活|启用|啟用|开通|開通|carrier|载体|載體|install|redeem|兑换|兌換)[^,;，；、()（）[\]【】|]*$/;
// Chinese puts the window before 激活 with 内/有效期 or nothing between ("90天内激活", "90天激活"); after a space
// ("7天 激活有效期90天") 激活 starts the next phrase instead.
const ACTIVATION_AFTER =
  /^(?:\s*(?:之|以)?[内內]\s*(?:有效期)?\s*|\s*有效期\s*)?(?:激活|启用|啟用|开通|開通)|^\s*(?:to activate|for activation|activation (?:period|window|validity)|of purchase|after purchase|from purchase)/;

interface VolumeRead {
  dataMB: number | null;
  ambiguous: boolean;
}

function readVolume(text: string): VolumeRead {
  const sizes: Array<{ mb: number; tentative: boolean }> = [];
  for (const match of text.matchAll(DATA_AMOUNT)) {
    const value = Number(match[1]);
    const unit = match[2];
    const end = (match.index ?? 0) + match[0].length;
    const after = text.slice(end, end + 8);
    // "200M" is 200MB, but "3M" is more likely three months than three megabytes.
    if (unit === 'm' && value < 50) continue;
    let tentative = false;
    if (unit === 'g' && value >= 2 && value <= 5 && !DATA_WORD_AFTER.test(after)) {
      // 4G/5G name the network generation ("Hong Kong-4G-1 day-200M"), unless nothing else states the data.
      if (NETWORK_CONTEXT_AFTER.test(after) || text[(match.index ?? 0) - 1] === '/') continue;
      tentative = true;
    }
    sizes.push({ mb: Math.round(value * MB_PER_UNIT[unit] * 100) / 100, tentative });
  }
  const firm = sizes.filter((size) => !size.tentative);
  let chosen = firm;
  if (firm.length === 0) {
    // A lone bare "G": Chinese sellers write 5G for 5GB, English titles mean the network by 4G/5G.
    chosen = sizes.filter((size) => CJK.test(text) || size.mb <= 3 * 1024);
  }
  const distinct = new Set(chosen.map((size) => size.mb));
  return { dataMB: chosen.length ? chosen[0].mb : null, ambiguous: distinct.size > 1 };
}

interface DaysRead {
  days: number | null;
  ambiguous: boolean;
}

function readDays(text: string): DaysRead {
  const days: number[] = [];
  const hourDays: number[] = [];
  for (const match of text.matchAll(DURATION)) {
    const start = match.index ?? 0;
    const end = start + match[0].length;
    if (
      ACTIVATION_BEFORE.test(text.slice(Math.max(0, start - 30), start)) ||
      ACTIVATION_AFTER.test(text.slice(end, end + 24))
    )
      continue;
    const value = Number(match[1]);
    const unit = match[2];
    if (HOUR_UNIT.test(unit)) {
      if (value > 0 && value % 24 === 0) hourDays.push(value / 24);
      continue;
    }
    const perUnit = DAYS_PER_UNIT.find(([pattern]) => pattern.test(unit))?.[1] ?? 1;
    // "2024年" is a year, not a 2024-year plan.
    if (perUnit === 365 && value > 5) continue;
    const total = value * perUnit;
    if (total >= 1 && total <= 3650) days.push(total);
  }
  const found = days.length ? days : hourDays;
  return { days: found.length ? found[0] : null, ambiguous: new Set(found).size > 1 };
}

interface PlanTitleRead {
  places: PlacesRead;
  dataMB: number | null;
  unlimited: boolean;
  perDay: boolean;
  days: number | null;
  ambiguities: number;
}

function readPlanTitle(raw: string): PlanTitleRead {
  const original = cleanTitle(raw);
  const numeric = withArabicNumerals(original.toLowerCase());
  const volume = readVolume(numeric);
  const length = readDays(numeric);
  return {
    places: readPlaces(original, numeric),
    dataMB: volume.dataMB,
    unlimited: UNLIMITED.test(numeric),
    perDay: PER_DAY.test(numeric),
    days: length.days,
    ambiguities: (volume.ambiguous ? 1 : 0) + (length.ambiguous ? 1 : 0),
  };
}

/** The first title that states a value wins; a later title stating another value is a contradiction. */
function firstStated<T>(
  values: Array<T | null>,
  same: (a: T, b: T) => boolean,
): { value: T | null; contradicted: boolean } {
  const stated = values.filter((value): value is T => value !== null);
  if (stated.length === 0) return { value: null, contradicted: false };
  return { value: stated[0], contradicted: stated.some((value) => !same(value, stated[0])) };
}

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((item, i) => item === b[i]);
const sameNumber = (a: number, b: number) => a === b;

// Confidence is counted in points out of 100 so the sums stay exact.
// Two sizes or two lengths in one title ("3GB + 1GB Bonus") cost as much as two titles disagreeing: either
// way we cannot tell which one the plan is, so it must not join a row on a guess.
const PLAN_POINTS = {
  base: 5,
  countries: 35,
  volume: 30,
  days: 30,
  regionToken: -10,
  inferredCountry: -10,
  ambiguity: -30,
  contradiction: -30,
};

function normalizedCountries(countries: readonly string[] | undefined): string[] | null {
  if (!countries) return null;
  const codes = new Set<string>();
  for (const code of countries) {
    const trimmed = String(code).trim();
    if (/^region:/i.test(trimmed)) codes.add(`REGION:${trimmed.slice(7).toUpperCase()}`);
    else if (/^[a-z]{2}$/i.test(trimmed)) codes.add(trimmed.toUpperCase());
  }
  return codes.size ? [...codes].sort() : null;
}

function extractPlan(titles: string[], facts: PlanFacts): PlanAttributesOf<'plan'> {
  const reads = titles.map(readPlanTitle);
  let points = PLAN_POINTS.base;

  let countries = normalizedCountries(facts.countries);
  if (countries) {
    points += PLAN_POINTS.countries;
  } else {
    // An explicit name in any title outranks a carrier guess in an earlier one.
    const explicit = reads.filter((read) => read.places.countries && !read.places.inferred);
    const candidates = explicit.length ? explicit : reads.filter((read) => read.places.countries);
    const stated = firstStated(
      candidates.map((read) => read.places.countries),
      sameList,
    );
    countries = stated.value;
    if (countries) {
      const chosen = candidates[0].places;
      points +=
        PLAN_POINTS.countries +
        (chosen.regionToken ? PLAN_POINTS.regionToken : 0) +
        (chosen.inferred ? PLAN_POINTS.inferredCountry : 0);
      if (stated.contradicted) points += PLAN_POINTS.contradiction;
    }
  }

  const unlimited = typeof facts.unlimited === 'boolean' ? facts.unlimited : reads.some((read) => read.unlimited);
  let dataMB: number | null = typeof facts.dataMB === 'number' && facts.dataMB > 0 ? facts.dataMB : null;
  if (dataMB === null) {
    // For an unlimited plan a title size is its high-speed cap, which the structured fields rarely carry.
    const stated = firstStated(
      reads.map((read) => read.dataMB),
      sameNumber,
    );
    dataMB = stated.value;
    if (stated.contradicted) points += PLAN_POINTS.contradiction;
  }
  if (dataMB !== null || unlimited) points += PLAN_POINTS.volume;

  const perDay = typeof facts.perDay === 'boolean' ? facts.perDay : reads.some((read) => read.perDay);

  let days: number | null = typeof facts.days === 'number' && facts.days > 0 ? facts.days : null;
  if (days === null) {
    const stated = firstStated(
      reads.map((read) => read.days),
      sameNumber,
    );
    days = stated.value;
    if (stated.contradicted) points += PLAN_POINTS.contradiction;
  }
  if (days !== null) points += PLAN_POINTS.days;

  // Ambiguity inside a title only matters for the fields the title had to supply.
  const structuredEverything =
    facts.countries?.length &&
    (typeof facts.dataMB === 'number' || facts.unlimited === true) &&
    typeof facts.days === 'number';
  if (!structuredEverything && reads.length && reads[0].ambiguities)
    points += PLAN_POINTS.ambiguity * reads[0].ambiguities;

  const region = reads.find((read) => read.places.region !== null)?.places.region ?? null;
  return {
    type: 'plan',
    countries: countries ?? [],
    dataMB,
    unlimited,
    perDay,
    days,
    ...(region ? { region } : {}),
    confidence: clampPoints(points),
  };
}

function clampPoints(points: number): number {
  return Math.max(0, Math.min(100, points)) / 100;
}

// ---------------------------------------------------------------------------------------------------------
// Goods

const AMOUNT = String.raw`(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)`;
// Uppercase codes that are also English words would turn "TOP UP 60" into a face value.
const WORDLIKE_CODES = new Set(['ALL', 'TOP', 'CUP', 'BOB', 'SOS', 'PEN', 'MAD', 'GEL', 'BAM']);
const UPPERCASE_CODES = Intl.supportedValuesOf('currency').filter((code) => !WORDLIKE_CODES.has(code));
// Lowercase is accepted only for codes no title uses as a word.
const ANY_CASE_CODES = [
  'USD',
  'CNY',
  'RMB',
  'EUR',
  'GBP',
  'HKD',
  'TWD',
  'NTD',
  'JPY',
  'KRW',
  'SGD',
  'MYR',
  'THB',
  'IDR',
  'VND',
  'INR',
  'AUD',
  'CAD',
  'NZD',
  'BRL',
  'MXN',
  'CHF',
  'RUB',
  'AED',
  'SAR',
  'PHP',
];
const CODE_ALIASES: Readonly<Record<string, string>> = { RMB: 'CNY', NTD: 'TWD' };
const codeAlternation = (codes: readonly string[]) => [...codes].sort((a, b) => b.length - a.length).join('|');

const FACE_VALUE_PATTERNS: ReadonlyArray<{
  pattern: RegExp;
  read: (match: RegExpExecArray) => { amount: string; currency: string };
}> = [
  {
    pattern: new RegExp(String.raw`(?<![A-Za-z])(${codeAlternation(UPPERCASE_CODES)})\s*\$?\s*${AMOUNT}(?![\d])`),
    read: (m) => ({ currency: m[1], amount: m[2] }),
  },
  {
    pattern: new RegExp(String.raw`(?<![\d.,])${AMOUNT}\s*(${codeAlternation(UPPERCASE_CODES)})(?![A-Za-z])`),
    read: (m) => ({ amount: m[1], currency: m[2] }),
  },
  {
    pattern: new RegExp(String.raw`(?<![A-Za-z])(${codeAlternation(ANY_CASE_CODES)})\s*\$?\s*${AMOUNT}(?![\d])`, 'i'),
    read: (m) => ({ currency: m[1], amount: m[2] }),
  },
  {
    pattern: new RegExp(String.raw`(?<![\d.,])${AMOUNT}\s*(${codeAlternation(ANY_CASE_CODES)})(?![A-Za-z])`, 'i'),
    read: (m) => ({ amount: m[1], currency: m[2] }),
  },
  {
    pattern: new RegExp(
      String.raw`(?<![A-Za-z])(US\$|HK\$|NT\$|S\$|A\$|C\$|R\$|\$|€|£|¥|₩|₹|฿|₱|₫|RM|Rp)\s*${AMOUNT}(?![\d])`,
    ),
    read: (m) => ({ currency: SYMBOL_CURRENCY[m[1]], amount: m[2] }),
  },
  {
    pattern: new RegExp(
      String.raw`(?<![\d.,])${AMOUNT}\s*(美元|美金|港币|港幣|港元|新台币|新台幣|台币|台幣|日元|日圓|日币|日幣|欧元|歐元|英镑|英鎊|韩元|韓元|元|块|塊|圆|圓)`,
    ),
    read: (m) => ({ amount: m[1], currency: SYMBOL_CURRENCY[m[2]] }),
  },
];

// "$" alone is read as USD and "¥" as CNY: the readings most titles in this market mean.
const SYMBOL_CURRENCY: Readonly<Record<string, string>> = {
  US$: 'USD',
  HK$: 'HKD',
  NT$: 'TWD',
  S$: 'SGD',
  A$: 'AUD',
  C$: 'CAD',
  R$: 'BRL',
  $: 'USD',
  '€': 'EUR',
  '£': 'GBP',
  '¥': 'CNY',
  '₩': 'KRW',
  '₹': 'INR',
  '฿': 'THB',
  '₱': 'PHP',
  '₫': 'VND',
  RM: 'MYR',
  Rp: 'IDR',
  美元: 'USD',
  美金: 'USD',
  港币: 'HKD',
  港幣: 'HKD',
  港元: 'HKD',
  新台币: 'TWD',
  新台幣: 'TWD',
  台币: 'TWD',
  台幣: 'TWD',
  日元: 'JPY',
  日圓: 'JPY',
  日币: 'JPY',
  日幣: 'JPY',
  欧元: 'EUR',
  歐元: 'EUR',
  英镑: 'GBP',
  英鎊: 'GBP',
  韩元: 'KRW',
  韓元: 'KRW',
  元: 'CNY',
  块: 'CNY',
  塊: 'CNY',
  圆: 'CNY',
  圓: 'CNY',
};

/** A store region that only repeats what the currency says ("Steam Wallet (US) USD 100") is not part of the name. */
const HOME_CURRENCY: Readonly<Record<string, string>> = {
  us: 'USD',
  usa: 'USD',
  cn: 'CNY',
  hk: 'HKD',
  tw: 'TWD',
  jp: 'JPY',
  kr: 'KRW',
  sg: 'SGD',
  my: 'MYR',
  th: 'THB',
  id: 'IDR',
  ph: 'PHP',
  vn: 'VND',
  in: 'INR',
  au: 'AUD',
  nz: 'NZD',
  ca: 'CAD',
  uk: 'GBP',
  gb: 'GBP',
  eu: 'EUR',
  br: 'BRL',
  mx: 'MXN',
  tr: 'TRY',
  ae: 'AED',
  sa: 'SAR',
};
const BRACKETED_REGION = /[([]\s*([a-z]{2,3})\s*[)\]]/g;

// Phrases that name one brand in several ways; applied after punctuation is folded to spaces.
const BRAND_ALIASES: ReadonlyArray<[RegExp, string]> = [
  [/\b(?:app store (?:and )?itunes|apple itunes|itunes|app store|apple store|apple)\b/g, 'apple'],
  [/\b(?:playstation network|playstation store|ps store|psn)\b/g, 'playstation network'],
  [/\b(?:mobile legends bang bang|mobile legend bang bang|mobile legends|mobile legend|mlbb)\b/g, 'mobile legends'],
  [/\b(?:honou?r of kings)\b/g, 'honor of kings'],
  [/\bgoogle play store\b/g, 'google play'],
  [/\bsteam wallet\b/g, 'steam wallet'],
  [/\brazer gold\b/g, 'razer gold'],
];
// Chinese brand names, after folding to Simplified.
const CJK_BRAND_ALIASES: ReadonlyArray<[RegExp, string]> = [
  [/雷蛇金币|雷蛇/g, ' razer gold '],
  [/钱包/g, ' wallet '],
  [/谷歌/g, ' google '],
  [/苹果/g, ' apple '],
  [/网飞|奈飞/g, ' netflix '],
  [/王者荣耀/g, ' honor of kings '],
  [/原神/g, ' genshin impact '],
];
// Packaging words: how the good is delivered, not which good it is.
// "Global" is the storefront a card has when none is named (SEAGM writes "Razer Gold Pin US$ 10" for it).
const NOISE_WORDS =
  /\b(?:e ?gift cards?|gift cards?|giftcards?|gift|e ?pins?|pins?|cards?|codes?|vouchers?|keys?|cd ?keys?|cdkeys?|digital|top ?ups?|recharge|reload|direct|instant|credits?|prepaid|official|online|global|worldwide|international)\b/g;
const CJK_NOISE = /充值卡|礼品卡|点卡|储值卡|兑换码|卡密|激活码|代码|电子卡|直充|充值|储值|礼品|兑换|全球|国际/g;

// A number beside what it counts ("86 diamonds", "uc 60", "90y币", "1.5gb"), unlike a number that is part of a
// brand ("xbox 360", "ps4"), which says nothing about the denomination.
const PACK_COUNT =
  /(?<![\p{L}\d.])\d+(?:\.\d+)?\s?\p{L}|\b(?:uc|cp|vp|diamonds?|gems?|coins?|tokens?|points?|crystals?|shards?|robux|cubits|shells)\s?\d/u;

function hasPackCount(name: string): boolean {
  return PACK_COUNT.test(name);
}

function canonicalAmount(amount: string): string {
  const match = /^\s*(-?)0*(\d*?)(\d)(?:\.(\d*?)0*)?\s*$/.exec(amount.replace(/,/g, ''));
  if (!match) return amount.trim();
  const [, sign, leading, last, fraction] = match;
  const whole = `${leading}${last}`;
  return `${whole === '0' && !fraction ? '' : sign}${whole}${fraction ? `.${fraction}` : ''}`;
}

interface GoodsTitleRead {
  name: string;
  faceValue: { amount: string; currency: string } | null;
}

function findFaceValue(text: string): { amount: string; currency: string; start: number; end: number } | null {
  let best: { amount: string; currency: string; start: number; end: number } | null = null;
  for (const { pattern, read } of FACE_VALUE_PATTERNS) {
    const match = pattern.exec(text);
    if (!match || (best && best.start <= match.index)) continue;
    const { amount, currency } = read(match);
    const code = currency.toUpperCase();
    best = {
      amount: canonicalAmount(amount),
      currency: CODE_ALIASES[code] ?? code,
      start: match.index,
      end: match.index + match[0].length,
    };
  }
  return best;
}

function goodsName(text: string, currency: string | null): string {
  let name = text.toLowerCase();
  if (CJK.test(name)) {
    name = toSimplified(name);
    for (const [pattern, replacement] of CJK_BRAND_ALIASES) name = name.replace(pattern, replacement);
    name = name.replace(CJK_NOISE, ' ');
  }
  name = name.replace(BRACKETED_REGION, (whole, region: string) =>
    currency && HOME_CURRENCY[region] === currency ? ' ' : ` ${region} `,
  );
  // Keep "+" (300+30 crystals) and decimal points between digits (1.5gb); everything else separates words.
  name = name.replace(/[^\p{L}\p{N}+.]+/gu, ' ').replace(/(?<!\d)\.|\.(?!\d)/g, ' ');
  for (const [pattern, replacement] of BRAND_ALIASES) name = name.replace(pattern, replacement);
  name = name.replace(NOISE_WORDS, ' ');
  return name.replace(/\s+/g, ' ').trim();
}

function readGoodsTitle(raw: string): GoodsTitleRead {
  const text = cleanTitle(raw);
  const face = findFaceValue(text);
  const rest = face ? `${text.slice(0, face.start)} ${text.slice(face.end)}` : text;
  return {
    name: goodsName(rest, face?.currency ?? null),
    faceValue: face ? { amount: face.amount, currency: face.currency } : null,
  };
}

const GOODS_POINTS = { base: 10, name: 50, faceValue: 40, countInName: 25, contradiction: -30 };

function extractGoods(titles: string[], facts: PlanFacts): PlanAttributesOf<'goods'> {
  const reads = titles.map(readGoodsTitle);
  let points = GOODS_POINTS.base;
  let faceValue: { amount: string; currency: string } | null = null;
  if (facts.faceValue) {
    faceValue = { amount: canonicalAmount(facts.faceValue.amount), currency: facts.faceValue.currency.toUpperCase() };
  } else {
    const stated = firstStated(
      reads.map((read) => read.faceValue),
      (a, b) => a.amount === b.amount && a.currency === b.currency,
    );
    faceValue = stated.value;
    if (stated.contradicted) points += GOODS_POINTS.contradiction;
  }
  // Names differ by language by nature (English first): take the first title that leaves a name.
  let name = reads.find((read) => read.name !== '')?.name ?? '';
  // A structured face value the title wrote without its currency ("Steam Wallet Code 100") is not a pack count.
  if (faceValue && facts.faceValue)
    name = name
      .split(' ')
      .filter((word) => canonicalAmount(word) !== faceValue!.amount)
      .join(' ');
  if (name) points += GOODS_POINTS.name;
  if (faceValue) points += GOODS_POINTS.faceValue;
  else if (hasPackCount(name)) points += GOODS_POINTS.countInName;
  const countries =
    normalizedCountries(facts.countries)?.filter((code) => !code.startsWith('REGION:')) ?? namedCountries(titles);
  return {
    type: 'goods',
    name,
    faceValue,
    ...(countries.length ? { countries } : {}),
    confidence: clampPoints(points),
  };
}

/** The countries titles name outright (regions and bundles say nothing about where one card is used). */
function namedCountries(titles: string[]): string[] {
  const codes = new Set<string>();
  for (const title of titles) {
    for (const match of scanPlaces(placeText(cleanTitle(title))))
      if ('countries' in match.value && match.value.countries.length === 1) codes.add(match.value.countries[0]);
  }
  return [...codes].sort();
}

// ---------------------------------------------------------------------------------------------------------
// Sizes as sold

const SIZE_TOLERANCE = 0.005;
// How a marketed size drifts between catalogs: decimal vs binary GB, or a KB count divided by the other base.
const BASE_DRIFTS = [1, 1.024, 1 / 1.024, 1.024 * 1.024, 1 / (1.024 * 1.024)];

/**
 * The size a plan is sold as: 5000MB, 5120MB and 5GB are one "5GB", 195.31MB (200000KB / 1024) is "200MB".
 * Only a unit-base drift (×1.024, or its square) is forgiven, to within half a percent: 0.5GB (512MB) is
 * sold as 500MB, but 5GB and 5.5GB, or 1GB and 1.2GB, stay apart.
 */
export function marketedMB(mb: number): number {
  let best = Math.round(mb * 100) / 100;
  let bestError = SIZE_TOLERANCE;
  // The closest explanation wins: 976.56MB is 1GB read through two bases, not 950MB read through one.
  for (const drift of BASE_DRIFTS) {
    const value = mb * drift;
    let nice: number;
    if (value >= 1000 * (1 - SIZE_TOLERANCE)) {
      const step = value / 1024 < 10 ? 0.5 : 1;
      nice = Math.round(value / 1024 / step) * step * 1024;
    } else {
      nice = Math.round(value / 50) * 50;
    }
    if (nice <= 0) continue;
    const error = Math.abs(value - nice) / nice;
    if (error < bestError) {
      best = nice;
      bestError = error;
    }
  }
  return best;
}

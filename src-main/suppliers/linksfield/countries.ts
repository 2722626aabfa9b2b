import { DESTINATIONS } from '../../domain/geography';
import { ISO_BY_MCC, PRIMARY_MCC_BY_ISO } from './mcc-table';

/**
 * Linksfield names countries by MCC in requests, but its docs never show how `coverCountrys` is written:
 * MCCs, ISO codes or country names, as a list or one joined string. Every form is read here, so coverage
 * survives whichever one the server uses.
 */

const KNOWN_ISO = new Set<string>([...ISO_BY_MCC.values(), ...DESTINATIONS.map((d) => d.iso)]);

const ALIASES: Record<string, string> = {
  usa: 'US',
  'united states of america': 'US',
  america: 'US',
  uk: 'GB',
  'great britain': 'GB',
  britain: 'GB',
  england: 'GB',
  korea: 'KR',
  'south korea': 'KR',
  'republic of korea': 'KR',
  'hong kong': 'HK',
  macao: 'MO',
  macau: 'MO',
  'mainland china': 'CN',
  'viet nam': 'VN',
  turkiye: 'TR',
  uae: 'AE',
  russia: 'RU',
  'czech republic': 'CZ',
};

function normalizeName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const ISO_BY_NAME: ReadonlyMap<string, string> = (() => {
  const names = new Map<string, string>();
  const add = (name: string | undefined, iso: string) => {
    const key = name ? normalizeName(name) : '';
    if (key && !names.has(key)) names.set(key, iso);
  };
  for (const d of DESTINATIONS) [d.en, d.zhCN, d.zhTW].forEach((name) => add(name, d.iso));
  for (const [alias, iso] of Object.entries(ALIASES)) add(alias, iso);
  // ICU knows every country's name in English and Chinese; the server may use either language.
  for (const locale of ['en', 'zh-Hans', 'zh-Hant']) {
    const display = new Intl.DisplayNames([locale], { type: 'region', fallback: 'none' });
    for (const iso of KNOWN_ISO) add(display.of(iso), iso);
  }
  return names;
})();

export function isoFromMcc(mcc: string | number): string | undefined {
  return ISO_BY_MCC.get(String(mcc).trim());
}

export function mccFromIso(iso: string): string | undefined {
  return PRIMARY_MCC_BY_ISO.get(iso.toUpperCase());
}

export function englishCountryName(iso: string): string {
  const destination = DESTINATIONS.find((d) => d.iso === iso);
  return destination?.en ?? new Intl.DisplayNames(['en'], { type: 'region' }).of(iso) ?? iso;
}

/** One country as written by the upstream: an MCC, an ISO code, or a name in English or Chinese. */
export function isoFromCountryToken(token: string | number): string | undefined {
  const text = String(token).trim();
  if (/^\d{3}$/.test(text)) return isoFromMcc(text);
  if (/^[A-Za-z]{2}$/.test(text)) return KNOWN_ISO.has(text.toUpperCase()) ? text.toUpperCase() : undefined;
  return ISO_BY_NAME.get(normalizeName(text));
}

export interface Coverage {
  /** ISO alpha-2, sorted, without repeats. */
  countries: string[];
  /** What could not be read as a country, kept for the merchant to see. */
  unreadable: string[];
}

const COUNTRY_FIELDS = ['countryCode', 'mcc', 'iso', 'isoCode', 'countryIso', 'isoCountryName', 'countryName', 'name'];

export function readCoverage(value: unknown): Coverage {
  const countries = new Set<string>();
  const unreadable: string[] = [];
  const visit = (item: unknown): void => {
    if (item === null || item === undefined || item === '') return;
    if (Array.isArray(item)) return item.forEach(visit);
    if (typeof item === 'number') return note(item);
    if (typeof item === 'string') {
      // A whole-string match first: a name such as "Korea, Republic of" must not be cut at its comma.
      if (isoFromCountryToken(item)) return note(item);
      const parts = item
        .split(/[,;|，；、]/)
        .map((part) => part.trim())
        .filter(Boolean);
      return parts.length > 1 ? parts.forEach(visit) : note(item);
    }
    if (typeof item === 'object') {
      const record = item as Record<string, unknown>;
      const field = COUNTRY_FIELDS.find((key) => typeof record[key] === 'string' || typeof record[key] === 'number');
      if (field) {
        const iso = COUNTRY_FIELDS.map((key) => record[key])
          .filter((v): v is string | number => typeof v === 'string' || typeof v === 'number')
          .map(isoFromCountryToken)
          .find(Boolean);
        if (iso) countries.add(iso);
        else unreadable.push(JSON.stringify(item));
        return;
      }
    }
    unreadable.push(JSON.stringify(item));
  };
  const note = (token: string | number) => {
    const iso = isoFromCountryToken(token);
    if (iso) countries.add(iso);
    else unreadable.push(String(token));
  };
  visit(value);
  return { countries: [...countries].sort(), unreadable };
}

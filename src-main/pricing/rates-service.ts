import type { Database } from 'better-sqlite3';
import type { SampleRatesUsed } from '../../src-shared/export-types';
import { ConfigError } from '../config/json-file';
import { urlProblem, urlProblemText, type UrlProblem } from '../http/url-policy';
import { readState, writeState } from '../db/app-state';
import { markGridPricesStale, merchantCurrency, ratesUrl, setRatesUrl } from '../db/settings';
import { listRates, saveRates } from '../db/rates-repo';
import { parseEcbXml, ratesFromEcb, type CurrencyRate } from '../domain/currency';
import { isPositiveDecimal } from '../domain/money';
import { isSampleRateSource, sampleRates } from '../demo/sample-rates';
import { SupplierError } from '../http/errors';
import { send } from '../http/transport';
import { codedText } from '../../src-shared/coded-issue';

/** Rates a merchant typed: `{ CNY: '0.1389' }` = 1 CNY is worth 0.1389 of the merchant's currency. */
export function setManualRates(
  db: Database,
  values: Record<string, string>,
  today = new Date().toISOString().slice(0, 10),
): CurrencyRate[] {
  const base = merchantCurrency(db);
  const rates = Object.entries(values).map(([currency, perUnit]) => {
    const code = currency.trim().toUpperCase();
    if (!/^[A-Z]{3}$/.test(code)) throw new Error(codedText('rates.error.code', { code: currency }));
    if (code === base) throw new Error(codedText('rates.error.own', { currency: code }));
    if (!isPositiveDecimal(perUnit.trim()))
      throw new Error(codedText('rates.error.decimal', { currency: code, value: perUnit }));
    return { currency: code, perUnit: perUnit.trim(), base, asOf: today, source: codedText('rates.source.manual') };
  });
  saveRates(db, rates);
  markGridPricesStale(db);
  return listRates(db, base);
}

const RATES_URL_OPT_IN_KEY = 'settings.ratesUrlAllowInsecureHttp';

/** Whether the merchant allowed a plain http:// rates URL to a host other than this machine. */
export function ratesUrlAllowsInsecureHttp(db: Database): boolean {
  return readState(db, RATES_URL_OPT_IN_KEY) === 'true';
}

export function setRatesUrlAllowsInsecureHttp(db: Database, allowed: boolean): void {
  writeState(db, RATES_URL_OPT_IN_KEY, allowed ? 'true' : 'false');
}

/** What is wrong with a rates URL under the URL rule every request URL follows (see config/url-policy.ts). */
export function ratesUrlProblem(url: string, allowInsecureHttp: boolean): UrlProblem | null {
  return urlProblem(url, 'ratesUrl', allowInsecureHttp);
}

/**
 * Stores the rates URL once it passes the rule; `allowInsecureHttp` (default: the stored opt-in) may come with it.
 * Throws the problem itself, for the caller to word (the app) or print (urlProblemText).
 */
export function saveRatesUrl(db: Database, url: string, allowInsecureHttp = ratesUrlAllowsInsecureHttp(db)): void {
  const trimmed = url.trim();
  const problem = ratesUrlProblem(trimmed, allowInsecureHttp);
  if (problem) throw new RatesUrlError(problem);
  setRatesUrl(db, trimmed);
}

export class RatesUrlError extends ConfigError {
  constructor(readonly problem: UrlProblem) {
    super(urlProblemText(problem, RATES_OPT_IN_HINT));
    this.name = 'RatesUrlError';
  }
}

const RATES_OPT_IN_HINT = 'tick "allow insecure HTTP" beside the rates URL in Settings (CLI: --allow-insecure-http)';

/**
 * Fetches the ECB daily XML (or any server speaking that format) and re-bases it on the merchant's currency. The URL
 * (stored or given) must pass the URL rule; `allowInsecureHttp` defaults to the stored opt-in.
 */
export async function fetchEcbRates(
  db: Database,
  url = ratesUrl(db),
  signal?: AbortSignal,
  options: { allowInsecureHttp?: boolean } = {},
): Promise<CurrencyRate[]> {
  const problem = ratesUrlProblem(url, options.allowInsecureHttp ?? ratesUrlAllowsInsecureHttp(db));
  if (problem) throw new RatesUrlError(problem);
  const response = await send(
    { method: 'GET', url, headers: { accept: 'application/xml, text/xml' } },
    { label: `rates from ${new URL(url).host}`, signal, timeoutMs: 20_000 },
  );
  if (response.status !== 200)
    throw new SupplierError(
      `rates from ${new URL(url).host}: HTTP ${response.status}`,
      'rates_unavailable',
      response.status,
    );
  const ecb = parseEcbXml(response.text);
  const rates = ratesFromEcb(ecb, merchantCurrency(db), codedText('rates.source.ecb', { host: new URL(url).host }));
  saveRates(db, rates);
  markGridPricesStale(db);
  return listRates(db, merchantCurrency(db));
}

/**
 * The built-in sample rates among those that convert `currencies` into `base`, or null when none does: prices resting on
 * them are approximate, which the merchant must hear before they reach a store.
 */
export function sampleRatesAmong(db: Database, base: string, currencies: ReadonlySet<string>): SampleRatesUsed | null {
  const samples = listRates(db, base).filter(
    (rate) => currencies.has(rate.currency) && isSampleRateSource(rate.source),
  );
  if (samples.length === 0) return null;
  return {
    currencies: samples.map((rate) => rate.currency),
    asOf: samples.map((rate) => rate.asOf).sort()[0],
  };
}

/** A first run has no rates at all: seed labelled samples so the demo grid can compare currencies. */
export function ensureSomeRates(db: Database): void {
  const base = merchantCurrency(db);
  if (listRates(db, base).length === 0) {
    saveRates(db, sampleRates(base));
    markGridPricesStale(db);
  }
}

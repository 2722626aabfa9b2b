import type { Database } from 'better-sqlite3';
import { ConfigError } from '../../config/app-config';
import { listRates } from '../../db/rates-repo';
import { merchantCurrency } from '../../db/settings';
import { ensureSomeRates, fetchEcbRates, setManualRates } from '../../pricing/rates-service';
import type { Output } from '../output';
import { pricingDictionary } from '../../../src-renderer/i18n/pricing';
import { wordRateSource } from '../../../src-renderer/screens/pricing/rate-source';
import { translator } from '../../../src-renderer/i18n/fill-template';
import { wordCodedText } from '../../../src-shared/coded-issue';

export async function ratesCommand(
  db: Database,
  args: { action?: string; pairs: string[]; url?: string; json?: boolean; allowInsecureHttp?: boolean },
  output: Output,
): Promise<number> {
  const base = merchantCurrency(db);
  if (args.action === 'set') {
    if (args.pairs.length === 0)
      throw new ConfigError('supplygrid rates set needs CODE=VALUE pairs, e.g. CNY=0.1389 MYR=0.2120');
    const values: Record<string, string> = {};
    for (const pair of args.pairs) {
      const match = /^([A-Za-z]{3})=(.+)$/.exec(pair);
      if (!match)
        throw new ConfigError(`"${pair}" is not CODE=VALUE (e.g. CNY=0.1389: one CNY is worth 0.1389 ${base})`);
      values[match[1]] = match[2];
    }
    try {
      setManualRates(db, values);
    } catch (error) {
      throw new ConfigError(wordCodedText((error as Error).message, translator(pricingDictionary.en)));
    }
  } else if (args.action === 'fetch') {
    await fetchEcbRates(db, args.url, undefined, args.allowInsecureHttp ? { allowInsecureHttp: true } : {});
  } else if (args.action) {
    throw new ConfigError(
      `unknown rates action "${args.action}" (use: rates [--json] | rates set CODE=VALUE… | rates fetch [--url URL])`,
    );
  } else {
    ensureSomeRates(db);
  }
  const rates = listRates(db, base);
  if (args.json) {
    output.json({ base, rates });
    return 0;
  }
  output.out(`Value of one unit in ${base}:`);
  for (const rate of rates)
    output.out(
      `  ${rate.currency}  ${rate.perUnit.padEnd(14)} ${rate.asOf}  ${wordRateSource(rate.source, translator(pricingDictionary.en))}`,
    );
  return 0;
}

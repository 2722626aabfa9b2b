import type { Database } from 'better-sqlite3';
import { ConfigError, readJsonFile } from '../../config/json-file';
import { merchantCurrency } from '../../db/settings';
import { loadRuleSet, saveRuleSet } from '../../pricing/rules-store';
import type { Output } from '../output';

export function rulesCommand(
  db: Database,
  args: { action?: string; file?: string; json?: boolean },
  output: Output,
): number {
  if (args.action === 'set') {
    if (!args.file) throw new ConfigError('supplygrid rules set needs --file rules.json');
    const json = readJsonFile(args.file, 'rules file');
    let saved;
    try {
      saved = saveRuleSet(db, json);
    } catch (error) {
      throw new ConfigError(`${args.file}: ${(error as Error).message}`);
    }
    output.err(
      `Saved ${saved.rules.length} rules and ${saved.locks.length} locked prices; the grid is repriced on next view.`,
    );
    return 0;
  }
  if (args.action)
    throw new ConfigError(
      `unknown rules action "${args.action}" (use: supplygrid rules [--json] | supplygrid rules set --file FILE)`,
    );
  const ruleSet = loadRuleSet(db, merchantCurrency(db));
  if (args.json) {
    output.json(ruleSet);
    return 0;
  }
  output.out(`Markup rules (${ruleSet.currency}); most specific scope wins:`);
  for (const rule of ruleSet.rules) {
    const range = rule.costRange ? ` cost ${rule.costRange.min ?? '0'}–${rule.costRange.max ?? '∞'}` : '';
    output.out(
      `  ${rule.id}: ${rule.scope.type}${range} ${rule.percent ? `+${rule.percent}%` : ''}${rule.fixed ? ` +${rule.fixed}` : ''} rounding ${rule.rounding.mode}`,
    );
  }
  for (const lock of ruleSet.locks)
    output.out(`  locked ${JSON.stringify(lock.target)} at ${lock.price.amount} ${lock.price.currency}`);
  return 0;
}

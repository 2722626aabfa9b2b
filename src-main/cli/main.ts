import { parseArgs } from 'node:util';
import { openDatabase } from '../db/open';
import { dataFolderPaces } from '../db/pace-ledger';
import { shareAccountPaces } from '../http/budget-policy';
import { ConfigError, loadAppConfig } from '../config/app-config';
import { defaultUserDataDir, ensurePrivateDataDir, isDefaultDbPath, resolveDbPath } from '../config/paths';
import { secretsInClearNote } from '../config/secrets-notice';
import { closeAbandonedRuns } from '../db/run-owners';
import { ensureSomeRates } from '../pricing/rates-service';
import { backupCommand, backupsCommand, restoreCommand } from './commands/backup';
import { changesCommand } from './commands/changes';
import { exportCommand, exportsCommand } from './commands/export';
import { gridCommand } from './commands/grid';
import { matchesCommand } from './commands/matches';
import { ratesCommand } from './commands/rates';
import { rulesCommand } from './commands/rules';
import { offersCommand } from './commands/offers';
import { orderCommand } from './commands/order';
import { ordersCommand } from './commands/orders';
import { simCommand } from './commands/sim';
import { reviewCommand } from './commands/review';
import { syncCommand } from './commands/sync';
import { consoleOutput, type Output } from './output';

const USAGE = `supplygrid — catalog sync and pricing for eSIM and digital-goods resellers

Usage:
  supplygrid sync    [--config FILE] [--demo] [--full] [--apply-held] [--db PATH] [--json]
                     --full: list every supplier's whole catalog (otherwise only changes where the
                     supplier can list them, with a full listing at least every 24 hours, or
                     fullListingEveryHours from the config file)
                     a listing that would remove all of a supplier's offers, or more than the threshold,
                     is held for review (exit code 3); --apply-held applies every held one first
  supplygrid review  [--json]                 syncs held for review, with why
  supplygrid review apply ID | review discard ID
  supplygrid review threshold [PERCENT]       hold syncs removing more than this % (default 30)
  supplygrid changes [--run ID] [--db PATH] [--json]
  supplygrid offers  [--supplier ID] [--db PATH] [--json]
  supplygrid grid    [--lang en] [--currency USD] [--search TEXT] [--supplier ID] [--country HK] [--db PATH] [--json]
  supplygrid matches --suggested [--json]     doubtful matches for you to decide (matches accept N | matches reject N)
  supplygrid rules   [--json]                 print the markup rules
  supplygrid rules set --file rules.json      replace them
  supplygrid rates   [--json]                 print exchange rates into the merchant's currency
  supplygrid rates set CNY=0.1389 MYR=0.2120  set rates by hand (value of 1 unit in the merchant's currency)
  supplygrid rates fetch [--url URL] [--allow-insecure-http]
                     fetch ECB reference rates (plain http:// to another host needs the flag)
  supplygrid sim     [--kind KIND] [--port N] [--generation N] [--size N]
  supplygrid export  --preset PRESET --out FILE [--lang en,zh-CN] [--currency USD] [--in-stock]
                     [--since-last-export] [--out-of-stock skip|draft|zero] [--fill-languages]
                     [--flagged exclude|keep] [--db PATH]
                     the priced grid as a store CSV; PRESET: generic, shopify, shopify-legacy,
                     woocommerce, dujiao-next. Rows that would sell below cost or have no price
                     are listed first and stop the export (exit 3) until --flagged says what to do
  supplygrid exports [--json]                 what was exported, when, and where to
  supplygrid order   --supplier ID --sku SKU [--variant V] [--email E] --yes [--qr-out FILE.png]
                     [--config FILE | --demo] [--db PATH] [--json] [--force]
                     place one test order, follow it to the end and print the delivery; unfinished
                     orders are checked first, and an unsettled one of the same offer stops it (--force)
  supplygrid orders  [--json]                 the order history
  supplygrid orders show ID [--reveal] [--json]
  supplygrid orders complete ID (TEXT | --file FILE) [--config FILE]
                     complete an order by hand: its activation code, or the supplier's notification body
  supplygrid orders cap [AMOUNT | off]        the daily spending cap on test orders (merchant currency)
  supplygrid daemon  [--interval 15m] [--json] [--db PATH]
                     the background service: syncs every interval (full listings daily), follows
                     orders, makes the daily backup; one log line per event; stops on SIGTERM
  supplygrid alerts  [--json]                 the alert history (newest first, * = unread)
  supplygrid alerts rules [--json] | alerts rules set --file FILE
                     the alert rules and channels as a JSON document
  supplygrid alerts secret webhook|telegram (VALUE | --file FILE | off)
                     the webhook signing secret / Telegram bot token, stored sealed
  supplygrid backup  [--json]                 a verified backup into backups/ beside the database
  supplygrid backups [--json]                 the backups kept (3 from today, one a day for 10 days)
  supplygrid restore FILE                     restore a backup (its name or path); the current database
                                              is backed up first, so a restore can be undone

The database defaults to the app's own (user-data folder); --db or SUPPLYGRID_DB point elsewhere.`;

const OPTIONS = {
  config: { type: 'string' },
  db: { type: 'string' },
  demo: { type: 'boolean' },
  json: { type: 'boolean' },
  full: { type: 'boolean' },
  'apply-held': { type: 'boolean' },
  run: { type: 'string' },
  supplier: { type: 'string' },
  lang: { type: 'string' },
  kind: { type: 'string' },
  port: { type: 'string' },
  generation: { type: 'string' },
  size: { type: 'string' },
  currency: { type: 'string' },
  search: { type: 'string' },
  country: { type: 'string' },
  file: { type: 'string' },
  url: { type: 'string' },
  'allow-insecure-http': { type: 'boolean' },
  limit: { type: 'string' },
  preset: { type: 'string' },
  out: { type: 'string' },
  'in-stock': { type: 'boolean' },
  'since-last-export': { type: 'boolean' },
  'out-of-stock': { type: 'string' },
  'fill-languages': { type: 'boolean' },
  flagged: { type: 'string' },
  sku: { type: 'string' },
  variant: { type: 'string' },
  email: { type: 'string' },
  yes: { type: 'boolean' },
  'qr-out': { type: 'string' },
  reveal: { type: 'boolean' },
  force: { type: 'boolean' },
  interval: { type: 'string' },
  suggested: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function runCli(argv: string[], output: Output = consoleOutput): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    output.err(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command] = positionals;
  if (values.help) {
    output.out(USAGE);
    return 0;
  }
  if (!command) {
    output.err(USAGE);
    return 2;
  }
  const integer = (name: string, text: string | undefined) => {
    if (text === undefined) return undefined;
    if (!/^\d+$/.test(text)) throw new ConfigError(`--${name} must be a whole number, got "${text}"`);
    return Number(text);
  };
  try {
    if (command === 'sim') {
      return await simCommand(
        {
          kind: values.kind,
          port: integer('port', values.port),
          generation: integer('generation', values.generation),
          size: integer('size', values.size),
        },
        output,
      );
    }
    if (
      ![
        'sync',
        'changes',
        'offers',
        'grid',
        'rules',
        'rates',
        'export',
        'exports',
        'order',
        'orders',
        'review',
        'backup',
        'backups',
        'restore',
        'daemon',
        'alerts',
        'matches',
      ].includes(command)
    ) {
      output.err(`unknown command "${command}"\n\n${USAGE}`);
      return 2;
    }
    // A config the command will read is checked before the database is opened: a refused one writes nothing.
    if (values.config) {
      const note = secretsInClearNote(values.config, loadAppConfig(values.config));
      if (note) output.err(note);
    }
    if (isDefaultDbPath(values.db)) ensurePrivateDataDir(defaultUserDataDir());
    const dbFile = resolveDbPath(values.db);
    const db = openDatabase(dbFile);
    // The app and the background service may use the same supplier accounts meanwhile: one pace for all of them.
    const paces = dataFolderPaces(dbFile, {
      onUnavailable: (reason) =>
        output.err(
          `note: this run paces its supplier accounts alone, not with the app or the background service (${reason})`,
        ),
    });
    shareAccountPaces(paces.ledger);
    const interrupted = closeAbandonedRuns(db);
    if (interrupted.length)
      output.err(
        `Closed ${interrupted.length} sync run${interrupted.length === 1 ? '' : 's'} left running by a process that stopped (#${interrupted.join(', #')}, now failed: interrupted)`,
      );
    try {
      if (command === 'sync')
        return await syncCommand(
          db,
          {
            config: values.config,
            demo: values.demo,
            json: values.json,
            full: values.full,
            applyHeld: values['apply-held'],
          },
          output,
        );
      // Loaded on demand: the daemon and alerts bring the whole services layer, which other commands need not load.
      if (command === 'alerts')
        return (await import('./commands/alerts')).alertsCommand(
          db,
          { action: positionals[1], rest: positionals.slice(2), file: values.file, json: values.json },
          output,
        );
      if (command === 'daemon')
        return await (
          await import('./commands/daemon')
        ).daemonCommand(db, { interval: values.interval, json: values.json }, output);
      if (command === 'backup') return await backupCommand(db, { json: values.json }, output);
      if (command === 'backups') return backupsCommand(db, { json: values.json }, output);
      if (command === 'restore') return await restoreCommand(db, { file: positionals[1], json: values.json }, output);
      if (command === 'review')
        return await reviewCommand(
          db,
          { action: positionals[1], rest: positionals.slice(2), json: values.json },
          output,
        );
      if (command === 'changes')
        return changesCommand(db, { run: integer('run', values.run), json: values.json }, output);
      if (command === 'grid') {
        ensureSomeRates(db);
        return gridCommand(
          db,
          {
            lang: values.lang,
            currency: values.currency,
            search: values.search,
            supplier: values.supplier,
            country: values.country,
            json: values.json,
            limit: integer('limit', values.limit),
          },
          output,
        );
      }
      if (command === 'matches') {
        ensureSomeRates(db);
        return matchesCommand(
          db,
          {
            action: positionals[1],
            rest: positionals.slice(2),
            suggested: values.suggested,
            json: values.json,
            lang: values.lang,
          },
          output,
        );
      }
      if (command === 'export') {
        ensureSomeRates(db);
        return await exportCommand(
          db,
          {
            preset: values.preset,
            out: values.out,
            lang: values.lang,
            currency: values.currency,
            inStock: values['in-stock'],
            sinceLastExport: values['since-last-export'],
            outOfStock: values['out-of-stock'],
            fillLanguages: values['fill-languages'],
            flagged: values.flagged,
          },
          output,
        );
      }
      if (command === 'exports') return exportsCommand(db, { json: values.json }, output);
      if (command === 'order') {
        return await orderCommand(
          db,
          {
            config: values.config,
            demo: values.demo,
            supplier: values.supplier,
            sku: values.sku,
            variant: values.variant,
            email: values.email,
            yes: values.yes,
            qrOut: values['qr-out'],
            json: values.json,
            force: values.force,
          },
          output,
        );
      }
      if (command === 'orders') {
        return await ordersCommand(
          db,
          {
            action: positionals[1],
            rest: positionals.slice(2),
            json: values.json,
            reveal: values.reveal,
            file: values.file,
            config: values.config,
          },
          output,
        );
      }
      if (command === 'rules')
        return rulesCommand(db, { action: positionals[1], file: values.file, json: values.json }, output);
      if (command === 'rates')
        return await ratesCommand(
          db,
          {
            action: positionals[1],
            pairs: positionals.slice(2),
            url: values.url,
            json: values.json,
            allowInsecureHttp: values['allow-insecure-http'],
          },
          output,
        );
      return offersCommand(db, { supplier: values.supplier, json: values.json, lang: values.lang }, output);
    } finally {
      shareAccountPaces(null);
      paces.close();
      db.close();
    }
  } catch (error) {
    if (error instanceof ConfigError) {
      output.err(`supplygrid: ${error.message}`);
      return 2;
    }
    throw error;
  }
}

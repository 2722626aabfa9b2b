import { readFileSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import { AlertService } from '../../alerts/alert-service';
import { ALERT_SECRET_NAMES } from '../../../src-shared/alert-types';
import { ConfigError } from '../../config/app-config';
import { keyFileSecretBox } from '../../secrets/secret-box';
import { alertText } from '../../../src-renderer/i18n/alerts';
import type { Output } from '../output';
import { dirname } from 'node:path';

export interface AlertsArgs {
  action?: string;
  rest: string[];
  file?: string;
  json?: boolean;
}

const USAGE =
  'use: alerts [--json] | alerts rules [--json] | alerts rules set --file FILE | alerts secret webhook|telegram (VALUE | --file FILE | off)';

/** `supplygrid alerts`: the alert history, the rules document, and the channels' sealed secrets. */
export function alertsCommand(db: Database, args: AlertsArgs, output: Output): number {
  const service = new AlertService({ db, secretBox: keyFileSecretBox(dirname(db.name)) });
  if (!args.action) {
    const { alerts, unread } = service.view();
    if (args.json) output.json({ unread, alerts });
    else if (alerts.length === 0) output.out('No alert yet.');
    else
      for (const alert of alerts)
        output.out(
          `${alert.read ? ' ' : '*'} #${alert.id} ${alert.createdAt}  ${alertText(service.document().channels.language, alert)}`,
        );
    return 0;
  }
  if (args.action === 'rules') {
    if (args.rest[0] === 'set') {
      if (!args.file) throw new ConfigError(USAGE);
      service.saveDocument(JSON.parse(readFileSync(args.file, 'utf8')));
      output.out('Alert rules saved.');
      return 0;
    }
    output.out(JSON.stringify(service.document(), null, 2));
    return 0;
  }
  if (args.action === 'secret') {
    const [name, value] = args.rest;
    if (!ALERT_SECRET_NAMES.includes(name as never)) throw new ConfigError(USAGE);
    const secret = args.file ? readFileSync(args.file, 'utf8').trim() : value === 'off' ? null : value;
    if (secret === undefined) throw new ConfigError(USAGE);
    service.setSecret(name, secret);
    output.out(secret === null ? `The ${name} secret is removed.` : `The ${name} secret is stored, sealed.`);
    return 0;
  }
  throw new ConfigError(USAGE);
}

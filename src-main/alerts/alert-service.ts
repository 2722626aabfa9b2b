import type { Database } from 'better-sqlite3';
import { ConfigError } from '../config/app-config';
import { readState, writeState } from '../db/app-state';
import { ensureGrid } from '../grid/query';
import type { SecretBox } from '../secrets/secret-box';
import { alertText } from '../../src-renderer/i18n/alerts';
import {
  ALERT_SECRET_NAMES,
  type AlertSecretName,
  type StoredAlert,
  type AlertSettingsView,
  type AlertsView,
} from '../../src-shared/alert-types';
import { alertSecretsSet, openAlertSecret, setAlertSecret } from './alert-secrets';
import {
  activeConditions,
  externalAlertsSince,
  listAlerts,
  markAlertsRead,
  readAlertFacts,
  recordAlerts,
  recordDeliveries,
  unreadAlertCount,
} from './alerts-repo';
import { sendTelegram, sendWebhook, type AlertPayload } from './channels';
import { evaluateAlertRules, externalAllowance, reconcileConditions } from './evaluate';
import {
  alertDocumentSchema,
  DEFAULT_ALERT_DOCUMENT,
  storedAlertDocumentSchema,
  type AlertDocument,
} from '../../src-shared/alert-rules';
import { isInsecureRemoteHttp } from '../../src-shared/insecure-http';

const DOCUMENT_KEY = 'alerts.document';

export interface AlertServiceOptions {
  db: Database;
  secretBox: SecretBox;
  /** Told of every new alert (the app's notification centre, the desktop notification, the daemon's log). */
  onAlert?: (alert: StoredAlert & { text: string }) => void;
  /** The grid scope (the suppliers configured now), so exported plans are read as the grid shows them. */
  scope?: () => { suppliers: string[] };
}

/** A delivery not attempted: plain http:// to another computer, without the channel's opt-in. */
export const INSECURE_HTTP_REFUSED = 'failed: insecure_http';

/**
 * Alerts: evaluates the merchant's rules against the database (pure rules in evaluate.ts), raises each condition once
 * until it clears, and delivers it — in-app always; desktop, webhook and Telegram within the hourly limit.
 */
export class AlertService {
  private evaluating: Promise<StoredAlert[]> | null = null;
  private again = false;

  constructor(private readonly options: AlertServiceOptions) {}

  private get db(): Database {
    return this.options.db;
  }

  document(): AlertDocument {
    const stored = readState(this.db, DOCUMENT_KEY);
    if (!stored) return DEFAULT_ALERT_DOCUMENT;
    // As stored: a document saved before plain http:// needed the opt-in still reads; delivery refuses that address.
    const parsed = storedAlertDocumentSchema.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : DEFAULT_ALERT_DOCUMENT;
  }

  /** Validates and stores a rules document (from the app's editor or `supplygrid alerts rules set`). */
  saveDocument(input: unknown): AlertDocument {
    const parsed = alertDocumentSchema.safeParse(input);
    if (!parsed.success)
      throw new ConfigError(
        parsed.error.issues.map((issue) => `${issue.path.join('.') || 'document'}: ${issue.message}`).join('; '),
      );
    writeState(this.db, DOCUMENT_KEY, JSON.stringify(parsed.data));
    return parsed.data;
  }

  settings(): AlertSettingsView {
    return { document: this.document(), secretsSet: alertSecretsSet(this.db) };
  }

  setSecret(name: unknown, value: unknown): AlertSettingsView {
    if (!ALERT_SECRET_NAMES.includes(name as AlertSecretName))
      throw new ConfigError(`unknown alert secret "${String(name)}"`);
    if (value !== null && (typeof value !== 'string' || value.length > 4096))
      throw new ConfigError('an alert secret is a text of at most 4096 characters, or null to remove it');
    setAlertSecret(this.db, this.options.secretBox, name as AlertSecretName, value as string | null);
    return this.settings();
  }

  view(limit?: number): AlertsView {
    return { alerts: listAlerts(this.db, limit), unread: unreadAlertCount(this.db) };
  }

  markRead(ids: number[] | null): AlertsView {
    if (ids !== null && (!Array.isArray(ids) || !ids.every((id) => Number.isSafeInteger(id))))
      throw new ConfigError('alert ids must be whole numbers');
    markAlertsRead(this.db, ids, new Date().toISOString());
    return this.view();
  }

  /**
   * Evaluates the rules now and raises what is new. One evaluation at a time; a request during one runs once more
   * after it (a sync and an order update finishing together are both looked at).
   */
  evaluate(now = new Date()): Promise<StoredAlert[]> {
    if (this.evaluating) {
      this.again = true;
      return this.evaluating;
    }
    this.evaluating = this.evaluateOnce(now).finally(() => {
      this.evaluating = null;
      if (this.again) {
        this.again = false;
        void this.evaluate();
      }
    });
    return this.evaluating;
  }

  /** Waits for an evaluation in progress (before the database is closed). */
  async idle(): Promise<void> {
    while (this.evaluating) await this.evaluating.catch(() => undefined);
  }

  private async evaluateOnce(now: Date): Promise<StoredAlert[]> {
    const document = this.document();
    // Exported plans are read from the grid as it stands after the sync: brought up to date first (only when some
    // plan was ever exported: otherwise no rule reads the grid, and a large one is not rebuilt for nothing).
    if (this.db.prepare('SELECT 1 FROM export_fingerprints LIMIT 1').get())
      ensureGrid(this.db, this.options.scope?.() ?? {});
    const conditions = evaluateAlertRules(document.rules, readAlertFacts(this.db));
    const { raise, cleared, backInStock } = reconcileConditions(activeConditions(this.db), conditions);
    const createdAt = now.toISOString();
    let allowance = externalAllowance(
      externalAlertsSince(this.db, new Date(now.getTime() - 3_600_000).toISOString()),
      document.maxPerHour,
    );
    const stored = recordAlerts(
      this.db,
      createdAt,
      [...raise, ...backInStock],
      raise,
      cleared.map((c) => c.key),
      () => allowance-- > 0,
    );
    const delivered: StoredAlert[] = [];
    for (const { external, ...alert } of stored) {
      const text = alertText(document.channels.language, alert);
      // Past the hourly limit an alert is kept in the app only.
      const deliveries = external ? await this.deliver(document, { ...alert, text }) : { external: 'rate_limited' };
      recordDeliveries(this.db, alert.id, deliveries);
      delivered.push({ ...alert, deliveries });
      this.options.onAlert?.({ ...alert, deliveries, text });
    }
    return delivered;
  }

  private async deliver(document: AlertDocument, payload: AlertPayload): Promise<Record<string, string>> {
    const deliveries: Record<string, string> = {};
    const attempt = async (channel: string, send: () => Promise<void>) => {
      try {
        await send();
        deliveries[channel] = 'sent';
      } catch (error) {
        deliveries[channel] = `failed: ${error instanceof Error ? error.message : String(error)}`;
      }
    };
    const { webhook, telegram, desktop } = document.channels;
    // A document stored before the opt-in existed may hold such an address: nothing secret is sent there in clear.
    const refusedInClear = (url: string, allowed: boolean) => !allowed && isInsecureRemoteHttp(url);
    if (desktop) deliveries.desktop = 'requested';
    if (webhook?.enabled) {
      if (refusedInClear(webhook.url, webhook.allowInsecureHttp)) deliveries.webhook = INSECURE_HTTP_REFUSED;
      else
        await attempt('webhook', () =>
          sendWebhook(webhook.url, openAlertSecret(this.db, this.options.secretBox, 'webhook'), payload),
        );
    }
    if (telegram?.enabled) {
      const token = openAlertSecret(this.db, this.options.secretBox, 'telegram');
      if (!token) deliveries.telegram = 'failed: no bot token';
      else if (refusedInClear(telegram.apiBase, telegram.allowInsecureHttp))
        deliveries.telegram = INSECURE_HTTP_REFUSED;
      else await attempt('telegram', () => sendTelegram(telegram.apiBase, token, telegram.chatId, payload.text));
    }
    return deliveries;
  }
}

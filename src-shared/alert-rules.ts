import { z } from 'zod';
import { isInsecureRemoteHttp } from './insecure-http';
import { LANGUAGES } from './languages';

// The merchant's alert rules: a JSON document like the markup rules (`supplygrid alerts rules --json`), edited in the
// app too. Percents and amounts are decimal strings. Channel secrets (the webhook's signing secret, the Telegram bot
// token) are never in this document: they are sealed apart (alert-secrets.ts).

const decimal = z.string().regex(/^\d{1,9}(\.\d{1,6})?$/, 'a decimal number, like "12.5"');
const id = z.string().min(1).max(64);
const enabled = z.boolean().default(true);

export const alertRuleSchema = z.discriminatedUnion('type', [
  /** An exported plan's margin fell below `percent` % of its sale price. */
  z.object({ id, enabled, type: z.literal('margin_below'), percent: decimal }).strict(),
  /** No supplier of an exported plan has stock (and, once one has again, "back in stock"). */
  z.object({ id, enabled, type: z.literal('best_out_of_stock') }).strict(),
  /** A sync raised an offer's cost by more than `percent` %. */
  z.object({ id, enabled, type: z.literal('cost_rise'), percent: decimal }).strict(),
  /** A supplier's last `times` syncs failed, or its last sync is held for review. */
  z.object({ id, enabled, type: z.literal('sync_failing'), times: z.number().int().min(1).max(100) }).strict(),
  /** A supplier balance (where one is known) below `amount` in its currency. */
  z
    .object({
      id,
      enabled,
      type: z.literal('balance_below'),
      amount: decimal,
      currency: z.string().regex(/^[A-Z]{3}$/),
      supplierId: z.string().optional(),
    })
    .strict(),
  /** A test order needs the merchant's check (attention). */
  z.object({ id, enabled, type: z.literal('order_attention') }).strict(),
]);

export type AlertRule = z.infer<typeof alertRuleSchema>;
export type AlertRuleType = AlertRule['type'];

/** Telegram's own Bot API; another base (a proxy, a local test server) only where that one cannot be reached. */
export const TELEGRAM_API_BASE = 'https://api.telegram.org';

/** The schema's message for an address with `user:pass@`; the rules form words it (`error.urlCredentials`). */
export const URL_CREDENTIALS_MESSAGE = 'no user name or password (user:pass@) in the address';

const httpUrl = z
  .string()
  .url()
  .max(2000)
  .refine((url) => /^https?:\/\//.test(url), 'an http(s) URL')
  // As for every address we send to (http/url-policy.ts): user info would sit in clear in this document, shown back
  // over the API, and fetch quotes the whole URL (the Telegram bot token in its path too) in the error it throws.
  .refine((url) => !/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(url), URL_CREDENTIALS_MESSAGE);

/** The schema's message for plain http:// to another computer without the opt-in; the rules form words it. */
export const INSECURE_HTTP_MESSAGE = 'plain http:// to another computer needs "allowInsecureHttp": true';

/**
 * As every address we send secrets to (http/url-policy.ts): plain http:// to another computer only with an explicit
 * opt-in, per channel. The webhook's body is signed with its secret; the Telegram bot token travels in the URL's path.
 */
const allowInsecureHttp = z.boolean().default(false);

/** Every rules document as stored: what a document saved before the http:// opt-in existed still reads as. */
export const storedAlertDocumentSchema = z
  .object({
    rules: z
      .array(alertRuleSchema)
      .max(100)
      .refine((rules) => new Set(rules.map((r) => r.id)).size === rules.length, 'rule ids must be unique'),
    channels: z
      .object({
        /** Desktop notifications (the Electron app only). */
        desktop: z.boolean().default(true),
        webhook: z.object({ enabled, url: httpUrl, allowInsecureHttp }).strict().nullable().default(null),
        telegram: z
          .object({
            enabled,
            chatId: z.string().min(1).max(64),
            apiBase: httpUrl.default(TELEGRAM_API_BASE),
            allowInsecureHttp,
          })
          .strict()
          .nullable()
          .default(null),
        /** The language of webhook and Telegram texts. */
        language: z.enum(LANGUAGES).default('en'),
      })
      .strict()
      .default({ desktop: true, webhook: null, telegram: null, language: 'en' }),
    /** Most alerts sent to desktop, webhook and Telegram per hour; more are kept in the app only. */
    maxPerHour: z.number().int().min(1).max(1000).default(20),
  })
  .strict();

/** A rules document as the editor, the CLI and the config file may save it: the stored shape, and the http:// opt-in. */
export const alertDocumentSchema = storedAlertDocumentSchema.superRefine(({ channels: { webhook, telegram } }, ctx) => {
  if (webhook && !webhook.allowInsecureHttp && isInsecureRemoteHttp(webhook.url))
    ctx.addIssue({ code: 'custom', path: ['channels', 'webhook', 'url'], message: INSECURE_HTTP_MESSAGE });
  if (telegram && !telegram.allowInsecureHttp && isInsecureRemoteHttp(telegram.apiBase))
    ctx.addIssue({ code: 'custom', path: ['channels', 'telegram', 'apiBase'], message: INSECURE_HTTP_MESSAGE });
});

export type AlertDocument = z.infer<typeof storedAlertDocumentSchema>;

export const DEFAULT_ALERT_DOCUMENT: AlertDocument = alertDocumentSchema.parse({
  rules: [
    { id: 'low-margin', type: 'margin_below', percent: '5' },
    { id: 'out-of-stock', type: 'best_out_of_stock' },
    { id: 'cost-rise', type: 'cost_rise', percent: '20' },
    { id: 'sync-failing', type: 'sync_failing', times: 3 },
    { id: 'order-attention', type: 'order_attention' },
  ],
});

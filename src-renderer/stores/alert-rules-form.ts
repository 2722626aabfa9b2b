import type { z } from 'zod';
import {
  alertDocumentSchema,
  INSECURE_HTTP_MESSAGE,
  TELEGRAM_API_BASE,
  URL_CREDENTIALS_MESSAGE,
  type AlertDocument,
  type AlertRuleType,
} from '../../src-shared/alert-rules';
import { uniqueRuleId } from './pricing-form';

/**
 * The alert rules document as the form holds it. Every input keeps the text the merchant typed (a half-typed "12."
 * stays on screen); the document is built from it and checked by main's own schema, so the form and the JSON editor
 * can never accept different documents.
 */

export const ALERT_RULE_TYPES: readonly AlertRuleType[] = [
  'margin_below',
  'best_out_of_stock',
  'cost_rise',
  'sync_failing',
  'balance_below',
  'order_attention',
];

export type RuleField = 'percent' | 'times' | 'amount' | 'currency' | 'supplierId';

/** The fields a rule of each type has besides its id, its type and whether it is on. */
export const RULE_FIELDS: Readonly<Record<AlertRuleType, readonly RuleField[]>> = {
  margin_below: ['percent'],
  best_out_of_stock: [],
  cost_rise: ['percent'],
  sync_failing: ['times'],
  balance_below: ['amount', 'currency', 'supplierId'],
  order_attention: [],
};

export interface AlertRuleForm {
  /** Names the rule on screen while it is edited (its id may be typed over, or twice the same in a JSON draft). */
  key: string;
  id: string;
  type: AlertRuleType;
  enabled: boolean;
  percent: string;
  times: string;
  amount: string;
  currency: string;
  /** '' for any supplier. */
  supplierId: string;
}

export interface ChannelsForm {
  desktop: boolean;
  webhookEnabled: boolean;
  webhookUrl: string;
  /** The webhook's opt-in to plain http:// to another computer. */
  webhookAllowInsecureHttp: boolean;
  telegramEnabled: boolean;
  telegramChatId: string;
  telegramApiBase: string;
  /** The Telegram address's opt-in to plain http:// to another computer. */
  telegramAllowInsecureHttp: boolean;
  language: AlertDocument['channels']['language'];
  maxPerHour: string;
}

export type ChannelField = 'webhookUrl' | 'telegramChatId' | 'telegramApiBase' | 'maxPerHour';

export interface AlertForm {
  rules: AlertRuleForm[];
  channels: ChannelsForm;
}

/** Codes, not sentences: the screen words them in the merchant's language. */
export type FieldError =
  | 'required'
  | 'percent'
  | 'times'
  | 'amount'
  | 'currency'
  | 'url'
  | 'urlCredentials'
  | 'urlInsecureHttp'
  | 'chatId'
  | 'maxPerHour'
  | 'id'
  | 'text'
  | 'boolean';

export type ProblemCode =
  FieldError | 'uniqueIds' | 'unknownKeys' | 'ruleType' | 'oneOf' | 'tooMany' | 'wrongKind' | 'invalid' | 'json';

/** What is wrong in a document, said without words: which rule (if one), the JSON path inside it, and a code. */
export interface DocumentProblem {
  rule: { n: number; id: string } | null;
  path: string;
  code: ProblemCode;
  params: Record<string, string | number>;
}

export const ruleFieldKey = (ruleKey: string, field: RuleField) => `rule:${ruleKey}:${field}`;
export const channelFieldKey = (field: ChannelField) => `channels:${field}`;

let keys = 0;
const nextKey = () => `alert-rule-${++keys}`;

export function documentToForm(document: AlertDocument): AlertForm {
  const { webhook, telegram } = document.channels;
  return {
    rules: document.rules.map((rule) => ({
      key: nextKey(),
      id: rule.id,
      type: rule.type,
      enabled: rule.enabled,
      percent: 'percent' in rule ? rule.percent : '',
      times: 'times' in rule ? String(rule.times) : '',
      amount: 'amount' in rule ? rule.amount : '',
      currency: 'currency' in rule ? rule.currency : '',
      supplierId: 'supplierId' in rule ? (rule.supplierId ?? '') : '',
    })),
    channels: {
      desktop: document.channels.desktop,
      webhookEnabled: webhook?.enabled ?? false,
      webhookUrl: webhook?.url ?? '',
      webhookAllowInsecureHttp: webhook?.allowInsecureHttp ?? false,
      telegramEnabled: telegram?.enabled ?? false,
      telegramChatId: telegram?.chatId ?? '',
      telegramApiBase: telegram?.apiBase ?? TELEGRAM_API_BASE,
      telegramAllowInsecureHttp: telegram?.allowInsecureHttp ?? false,
      language: document.channels.language,
      maxPerHour: String(document.maxPerHour),
    },
  };
}

/** A new rule of `type` with a threshold a merchant would likely start from. */
export function newRuleForm(type: AlertRuleType, takenIds: Iterable<string>, currency: string): AlertRuleForm {
  const starts: Record<AlertRuleType, Partial<AlertRuleForm>> = {
    margin_below: { percent: '5' },
    best_out_of_stock: {},
    cost_rise: { percent: '20' },
    sync_failing: { times: '3' },
    balance_below: { amount: '', currency },
    order_attention: {},
  };
  return {
    key: nextKey(),
    id: uniqueRuleId(takenIds, type.replace(/_/g, '-')),
    type,
    enabled: true,
    percent: '',
    times: '',
    amount: '',
    currency: '',
    supplierId: '',
    ...starts[type],
  };
}

/** A count as typed: a number when it is one, else the text, for the schema to refuse with the field's reason. */
const count = (text: string): number | string => (/^\d{1,9}$/.test(text.trim()) ? Number(text.trim()) : text.trim());

/** The document the form says, valid or not, with its keys in the order `supplygrid alerts rules --json` prints. */
export function formToDraft(form: AlertForm): unknown {
  const { channels } = form;
  const webhookUrl = channels.webhookUrl.trim();
  const chatId = channels.telegramChatId.trim();
  const apiBase = channels.telegramApiBase.trim();
  return {
    rules: form.rules.map((rule) => {
      const fields: Record<string, unknown> = {};
      for (const field of RULE_FIELDS[rule.type]) {
        const text = rule[field].trim();
        if (field === 'times') fields.times = count(text);
        else if (field !== 'supplierId' || text) fields[field] = text;
      }
      return { id: rule.id, enabled: rule.enabled, type: rule.type, ...fields };
    }),
    channels: {
      desktop: channels.desktop,
      // A channel switched off with nothing typed is no channel; switched on, what it needs is required.
      webhook:
        channels.webhookEnabled || webhookUrl
          ? {
              enabled: channels.webhookEnabled,
              url: webhookUrl,
              allowInsecureHttp: channels.webhookAllowInsecureHttp,
            }
          : null,
      telegram:
        channels.telegramEnabled || chatId || apiBase !== TELEGRAM_API_BASE
          ? {
              enabled: channels.telegramEnabled,
              chatId,
              apiBase,
              allowInsecureHttp: channels.telegramAllowInsecureHttp,
            }
          : null,
      language: channels.language,
    },
    maxPerHour: count(channels.maxPerHour),
  };
}

export type DocumentCheck = { document: AlertDocument; issues: [] } | { document: null; issues: z.core.$ZodIssue[] };

/** Main's schema, the one `alerts.saveDocument` and the config file go through. */
export function checkDocument(draft: unknown): DocumentCheck {
  const parsed = alertDocumentSchema.safeParse(draft);
  return parsed.success ? { document: parsed.data, issues: [] } : { document: null, issues: parsed.error.issues };
}

const FIELD_ERRORS: Readonly<Record<string, FieldError>> = {
  percent: 'percent',
  times: 'times',
  amount: 'amount',
  currency: 'currency',
  id: 'id',
  'webhook.url': 'url',
  'telegram.apiBase': 'url',
  'telegram.chatId': 'chatId',
  maxPerHour: 'maxPerHour',
};

function valueAt(draft: unknown, path: readonly PropertyKey[]): unknown {
  let value = draft;
  for (const step of path)
    value = value && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[step] : undefined;
  return value;
}

/** The rule an issue is in (if one), and the path inside that rule or the channels: the field, as FIELD_ERRORS names it. */
function locate(path: readonly PropertyKey[]): { ruleIndex: number | null; field: string } {
  const inRule = path[0] === 'rules' && typeof path[1] === 'number';
  const rest = inRule ? path.slice(2) : path[0] === 'channels' ? path.slice(1) : [...path];
  return { ruleIndex: inRule ? (path[1] as number) : null, field: rest.map(String).join('.') };
}

/** The reason a field's value was refused: empty is "required" whatever the field. */
function fieldError(issue: z.core.$ZodIssue, draft: unknown, field: string): FieldError | null {
  const value = valueAt(draft, issue.path);
  if (value === undefined || value === '' || value === null)
    return FIELD_ERRORS[field] || issue.code === 'invalid_type' ? 'required' : null;
  if (issue.code === 'invalid_type' && issue.expected === 'boolean') return 'boolean';
  // In JSON a decimal is text ("12.5"); a bare number there is the one mistake the field's own words would not explain.
  if (issue.code === 'invalid_type' && issue.expected === 'string' && typeof value === 'number') return 'text';
  if (issue.code === 'custom' && issue.message === URL_CREDENTIALS_MESSAGE) return 'urlCredentials';
  if (issue.code === 'custom' && issue.message === INSECURE_HTTP_MESSAGE) return 'urlInsecureHttp';
  return FIELD_ERRORS[field] ?? null;
}

/** Per form field, the first reason its value was refused. */
export function fieldErrors(
  form: AlertForm,
  draft: unknown,
  issues: readonly z.core.$ZodIssue[],
): Record<string, FieldError> {
  const errors: Record<string, FieldError> = {};
  for (const issue of issues) {
    const { ruleIndex, field } = locate(issue.path);
    const error = fieldError(issue, draft, field);
    if (!error) continue;
    let key: string | null = null;
    if (
      ruleIndex !== null &&
      form.rules[ruleIndex] &&
      RULE_FIELDS[form.rules[ruleIndex].type].includes(field as RuleField)
    )
      key = ruleFieldKey(form.rules[ruleIndex].key, field as RuleField);
    else if (field === 'webhook.url') key = channelFieldKey('webhookUrl');
    else if (field === 'telegram.chatId') key = channelFieldKey('telegramChatId');
    else if (field === 'telegram.apiBase') key = channelFieldKey('telegramApiBase');
    else if (field === 'maxPerHour') key = channelFieldKey('maxPerHour');
    if (key && !errors[key]) errors[key] = error;
  }
  return errors;
}

/** Every issue of a document as the JSON editor lists it. */
export function documentProblems(draft: unknown, issues: readonly z.core.$ZodIssue[]): DocumentProblem[] {
  return issues.map((issue) => {
    const { ruleIndex, field } = locate(issue.path);
    const ruleId = ruleIndex === null ? undefined : valueAt(draft, ['rules', ruleIndex, 'id']);
    const rule = ruleIndex === null ? null : { n: ruleIndex + 1, id: typeof ruleId === 'string' ? ruleId : '' };
    const path = ruleIndex === null ? issue.path.map(String).join('.') : field;
    const problem = (code: ProblemCode, params: DocumentProblem['params'] = {}): DocumentProblem => ({
      rule,
      path,
      code,
      params,
    });
    if (issue.code === 'unrecognized_keys') return problem('unknownKeys', { keys: issue.keys.join(', ') });
    if (issue.code === 'invalid_union' && 'options' in issue && Array.isArray(issue.options))
      return problem('ruleType', { types: issue.options.join(', ') });
    if (issue.code === 'custom' && issue.path.join('.') === 'rules') return problem('uniqueIds');
    if (issue.code === 'too_big' && issue.path.join('.') === 'rules') return problem('tooMany');
    if (issue.code === 'invalid_value') return problem('oneOf', { values: issue.values.map(String).join(', ') });
    const error = fieldError(issue, draft, field);
    if (error) return problem(error);
    return problem(issue.code === 'invalid_type' ? 'wrongKind' : 'invalid');
  });
}

/** A JSON syntax error at the place the parser stopped (line and column from 1), when the engine says where. */
export function jsonSyntaxProblem(text: string, error: Error): DocumentProblem {
  const position = /position (\d+)/.exec(error.message);
  if (!position) return { rule: null, path: '', code: 'json', params: {} };
  const before = text.slice(0, Number(position[1])).split('\n');
  return {
    rule: null,
    path: '',
    code: 'json',
    params: { line: before.length, column: before[before.length - 1].length + 1 },
  };
}

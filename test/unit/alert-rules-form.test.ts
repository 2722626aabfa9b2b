import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alertDocumentSchema, TELEGRAM_API_BASE, type AlertDocument } from '../../src-shared/alert-rules';
import { canonicalJson } from '../../src-renderer/stores/canonical-json';
import {
  ALERT_RULE_TYPES,
  channelFieldKey,
  checkDocument,
  documentProblems,
  documentToForm,
  fieldErrors,
  formToDraft,
  jsonSyntaxProblem,
  newRuleForm,
  ruleFieldKey,
  type AlertForm,
} from '../../src-renderer/stores/alert-rules-form';

const decimal = fc
  .tuple(fc.bigInt({ min: 0n, max: 999_999_999n }), fc.option(fc.stringMatching(/^\d{1,6}$/), { nil: undefined }))
  .map(([whole, fraction]) => (fraction === undefined ? String(whole) : `${whole}.${fraction}`));
const ruleId = fc.stringMatching(/^[a-z0-9-]{1,64}$/);
const rule = fc.oneof(
  fc.record({ enabled: fc.boolean(), type: fc.constant('margin_below' as const), percent: decimal }),
  fc.record({ enabled: fc.boolean(), type: fc.constant('best_out_of_stock' as const) }),
  fc.record({ enabled: fc.boolean(), type: fc.constant('cost_rise' as const), percent: decimal }),
  fc.record({
    enabled: fc.boolean(),
    type: fc.constant('sync_failing' as const),
    times: fc.integer({ min: 1, max: 100 }),
  }),
  fc.record(
    {
      enabled: fc.boolean(),
      type: fc.constant('balance_below' as const),
      amount: decimal,
      currency: fc.constantFrom('USD', 'CNY', 'JPY', 'EUR'),
      supplierId: fc.option(fc.constantFrom('demo-dujiao', 'shop-2'), { nil: undefined }),
    },
    { requiredKeys: ['enabled', 'type', 'amount', 'currency'] },
  ),
  fc.record({ enabled: fc.boolean(), type: fc.constant('order_attention' as const) }),
);
const document = fc
  .record({
    rules: fc
      .uniqueArray(fc.tuple(ruleId, rule), { maxLength: 8, selector: ([id]) => id })
      .map((rules) => rules.map(([id, body]) => ({ id, ...body }))),
    channels: fc.record({
      desktop: fc.boolean(),
      webhook: fc.option(
        fc.oneof(
          fc.record({
            enabled: fc.boolean(),
            url: fc.constantFrom('https://hooks.example.com/a', 'http://127.0.0.1:9/x'),
            allowInsecureHttp: fc.boolean(),
          }),
          // Plain http:// to another computer: valid only with the opt-in.
          fc.record({
            enabled: fc.boolean(),
            url: fc.constant('http://192.168.1.20/hook'),
            allowInsecureHttp: fc.constant(true),
          }),
        ),
        { nil: null },
      ),
      telegram: fc.option(
        fc
          .record({
            enabled: fc.boolean(),
            chatId: fc.stringMatching(/^-?\d{1,12}$/),
            apiBase: fc.constantFrom(TELEGRAM_API_BASE, 'http://127.0.0.1:8081', 'http://tg-proxy.lan:8081'),
            allowInsecureHttp: fc.boolean(),
          })
          .map((telegram) =>
            telegram.apiBase.startsWith('http://tg-proxy') ? { ...telegram, allowInsecureHttp: true } : telegram,
          ),
        { nil: null },
      ),
      language: fc.constantFrom('en' as const, 'zh-CN' as const),
    }),
    maxPerHour: fc.integer({ min: 1, max: 1000 }),
  })
  .map((raw) => alertDocumentSchema.parse(raw));

/** The checks the store makes on an edit: the document, and each form field's refusal. */
function check(form: AlertForm) {
  const draft = formToDraft(form);
  const checked = checkDocument(draft);
  return { document: checked.document, errors: fieldErrors(form, draft, checked.issues) };
}

describe('alert rules form ⇄ document', () => {
  it('any valid document shown in the form and built back is the same document, which main’s schema accepts', () => {
    fc.assert(
      fc.property(document, (saved: AlertDocument) => {
        const { document: built, errors } = check(documentToForm(saved));
        expect(errors).toEqual({});
        expect(canonicalJson(built)).toBe(canonicalJson(saved));
      }),
      { numRuns: 300 },
    );
  });

  it('a new rule of every type is valid as it starts, except a balance, which waits for its amount', () => {
    const base = documentToForm(alertDocumentSchema.parse({ rules: [] }));
    for (const type of ALERT_RULE_TYPES) {
      const added = newRuleForm(type, [], 'CNY');
      const { document: built, errors } = check({ ...base, rules: [added] });
      if (type === 'balance_below') {
        expect(errors).toEqual({ [ruleFieldKey(added.key, 'amount')]: 'required' });
        const done = check({ ...base, rules: [{ ...added, amount: '120.50' }] });
        expect(done.document?.rules).toEqual([
          { id: 'balance-below-1', enabled: true, type, amount: '120.50', currency: 'CNY' },
        ]);
      } else {
        expect(errors).toEqual({});
        expect(built?.rules[0]).toMatchObject({ id: `${type.replace(/_/g, '-')}-1`, type, enabled: true });
      }
    }
    expect(newRuleForm('cost_rise', ['cost-rise-1', 'cost-rise-2'], 'USD').id).toBe('cost-rise-3');
  });

  it('amounts and percents stay the exact decimal text typed, never a float', () => {
    const form = documentToForm(alertDocumentSchema.parse({ rules: [] }));
    const low = { ...newRuleForm('balance_below', [], 'USD'), amount: '0.100000', supplierId: 'demo-dujiao' };
    const rise = { ...newRuleForm('cost_rise', [], 'USD'), percent: '12.345678' };
    const { document: built } = check({ ...form, rules: [low, rise] });
    expect(built?.rules).toEqual([
      {
        id: 'balance-below-1',
        enabled: true,
        type: 'balance_below',
        amount: '0.100000',
        currency: 'USD',
        supplierId: 'demo-dujiao',
      },
      { id: 'cost-rise-1', enabled: true, type: 'cost_rise', percent: '12.345678' },
    ]);
  });

  it('says which field is wrong and why, as codes: empty is required, else the field’s own reason', () => {
    const form = documentToForm(alertDocumentSchema.parse({ rules: [] }));
    const margin = { ...newRuleForm('margin_below', [], 'USD'), percent: '5,5' };
    const failing = { ...newRuleForm('sync_failing', [], 'USD'), times: '0' };
    const balance = { ...newRuleForm('balance_below', [], 'USD'), amount: '' };
    const rise = { ...newRuleForm('cost_rise', [], 'USD'), percent: '1.1234567' };
    const channels = {
      ...form.channels,
      webhookEnabled: true,
      webhookUrl: 'ftp://x',
      telegramChatId: '42',
      telegramApiBase: 'api.telegram.org',
      maxPerHour: '2.5',
    };
    const { document: built, errors } = check({ rules: [margin, failing, balance, rise], channels });
    expect(built).toBeNull();
    expect(errors).toEqual({
      [ruleFieldKey(margin.key, 'percent')]: 'percent',
      [ruleFieldKey(failing.key, 'times')]: 'times',
      [ruleFieldKey(balance.key, 'amount')]: 'required',
      [ruleFieldKey(rise.key, 'percent')]: 'percent',
      [channelFieldKey('webhookUrl')]: 'url',
      [channelFieldKey('telegramApiBase')]: 'url',
      [channelFieldKey('maxPerHour')]: 'maxPerHour',
    });
    // A channel switched on needs what it sends to; switched off and empty, it is no channel at all.
    expect(check({ rules: [], channels: { ...form.channels, telegramEnabled: true } }).errors).toEqual({
      [channelFieldKey('telegramChatId')]: 'required',
    });
    expect(
      check({ rules: [], channels: { ...form.channels, telegramEnabled: false } }).document?.channels.telegram,
    ).toBeNull();
  });

  it('words a JSON document’s problems by rule and path, the way the editor lists them', () => {
    const draft = {
      rules: [
        { id: 'a', type: 'nope' },
        { id: 'late', type: 'sync_failing', times: '3', extra: 1 },
        { id: 'low', type: 'margin_below', percent: 5 },
      ],
      channels: { language: 'fr', webhook: { url: '' } },
      maxPerHour: 0,
    };
    const problems = documentProblems(draft, checkDocument(draft).issues);
    expect(problems).toEqual(
      expect.arrayContaining([
        { rule: { n: 1, id: 'a' }, path: 'type', code: 'ruleType', params: { types: ALERT_RULE_TYPES.join(', ') } },
        { rule: { n: 2, id: 'late' }, path: 'times', code: 'times', params: {} },
        { rule: { n: 2, id: 'late' }, path: '', code: 'unknownKeys', params: { keys: 'extra' } },
        { rule: { n: 3, id: 'low' }, path: 'percent', code: 'text', params: {} },
        { rule: null, path: 'channels.language', code: 'oneOf', params: { values: 'en, zh-CN' } },
        { rule: null, path: 'channels.webhook.url', code: 'required', params: {} },
        { rule: null, path: 'maxPerHour', code: 'maxPerHour', params: {} },
      ]),
    );
    const twice = {
      rules: [
        { id: 'x', type: 'order_attention' },
        { id: 'x', type: 'order_attention' },
      ],
    };
    expect(documentProblems(twice, checkDocument(twice).issues)).toEqual([
      { rule: null, path: 'rules', code: 'uniqueIds', params: {} },
    ]);
  });

  it('places a JSON syntax error at its line and column', () => {
    const text = '{\n  "rules": [\n    { "id": "a", }\n  ]\n}';
    let error: Error | null = null;
    try {
      JSON.parse(text);
    } catch (caught) {
      error = caught as Error;
    }
    expect(jsonSyntaxProblem(text, error!)).toEqual({
      rule: null,
      path: '',
      code: 'json',
      params: { line: 3, column: 18 },
    });
    expect(jsonSyntaxProblem(text, new Error('Unexpected end of JSON input')).params).toEqual({});
  });
});

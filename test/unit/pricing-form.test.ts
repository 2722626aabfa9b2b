import { describe, expect, it } from 'vitest';
import type { MarkupRule } from '../../src-main/domain/pricing/rules';
import { parseRuleSet } from '../../src-main/domain/pricing/schema';
import {
  applyPreset,
  draftRuleSet,
  formToRule,
  moveRule,
  newRuleForm,
  parseRoundingKey,
  ROUNDING_CHOICES,
  roundingChoices,
  roundingKey,
  ruleToForm,
  sameRules,
} from '../../src-renderer/stores/pricing-form';
import { tierPresets } from '../../src-main/domain/pricing/starting-rules';
import { openDatabase } from '../../src-main/db/open';
import { markupPresets as markupPresetsIn } from '../../src-main/pricing/rules-store';

/** A merchant with no rates of their own. */
const merchant = openDatabase(':memory:');
const markupPresets = (currency: string) => markupPresetsIn(merchant, currency);

const rules: MarkupRule[] = [
  {
    id: 'tier-low',
    name: 'Under 5',
    scope: { type: 'all' },
    costRange: { max: '5' },
    percent: '40',
    rounding: { mode: 'up', step: '0.1' },
  },
  {
    id: 'bc',
    scope: { type: 'supplier', supplierId: 'demo-billionconnect' },
    percent: '20',
    fixed: '0.5',
    minMargin: '1',
    rounding: { mode: 'charm', ending: '.49' },
  },
  {
    id: 'cat',
    scope: { type: 'category', supplierId: 'demo-seagm', categoryId: 'card-category:1013' },
    fixed: '2',
    rounding: { mode: 'none' },
  },
  {
    id: 'plan',
    scope: { type: 'plan', planKey: 'goods|gold razer|500 MYR' },
    percent: '-5',
    rounding: { mode: 'up', step: '1' },
  },
  {
    id: 'one',
    scope: { type: 'offer', supplierId: 'demo-mesim', productId: '250', skuId: '250', variant: '' },
    costRange: { min: '1', max: '9.5' },
    percent: '0',
    rounding: { mode: 'none' },
  },
];

describe('rule form ⇄ markup rule', () => {
  it('round-trips every scope, range, amount and rounding unchanged', () => {
    for (const rule of rules) {
      const built = formToRule(ruleToForm(rule));
      expect(built.errors).toEqual({});
      expect(built.rule).toEqual(rule);
    }
    expect(
      sameRules(
        rules.map((rule) => formToRule(ruleToForm(rule)).rule!),
        rules,
      ),
    ).toBe(true);
  });

  it('builds rules the server’s schema accepts', () => {
    const { ruleSet } = draftRuleSet('USD', rules.map(ruleToForm), []);
    expect(parseRuleSet(ruleSet)).toEqual({ currency: 'USD', rules, locks: [] });
  });

  it('keeps amounts as the typed decimal strings (trimmed), never numbers', () => {
    const form = { ...newRuleForm([]), percent: ' 12.50 ', fixed: '0.10', min: '5', max: '' };
    expect(formToRule(form).rule).toMatchObject({ percent: '12.50', fixed: '0.10', costRange: { min: '5' } });
    expect(formToRule(form).rule).not.toHaveProperty('costRange.max');
  });

  it('names the fields a merchant must fix', () => {
    const form = {
      ...newRuleForm([]),
      scopeType: 'category' as const,
      supplierId: 'x',
      percent: '12,5',
      minMargin: 'abc',
    };
    const built = formToRule(form);
    expect(built.rule).toBeNull();
    expect(built.errors).toEqual({ categoryId: 'required', percent: 'decimal', minMargin: 'decimal' });
    expect(draftRuleSet('USD', [form], []).errors[form.id]).toEqual(built.errors);
    expect(draftRuleSet('USD', [form], []).ruleSet).toBeNull();
  });

  it('allows the empty variant of an offer scope', () => {
    const form = { ...newRuleForm([]), scopeType: 'offer' as const, supplierId: 's', productId: 'p', skuId: 'k' };
    expect(formToRule(form).rule?.scope).toEqual({
      type: 'offer',
      supplierId: 's',
      productId: 'p',
      skuId: 'k',
      variant: '',
    });
  });

  it('encodes rounding choices and rejects malformed ones', () => {
    expect(roundingKey({ mode: 'up', step: '0.05' })).toBe('up:0.05');
    expect(parseRoundingKey('charm:.99')).toEqual({ mode: 'charm', ending: '.99' });
    expect(parseRoundingKey('up:0')).toBeNull();
    expect(parseRoundingKey('charm:99')).toBeNull();
    expect(formToRule({ ...newRuleForm([]), rounding: 'up:zero' }).errors).toEqual({ rounding: 'rounding' });
  });
});

describe('editing the rule list', () => {
  it('replaces only the store-wide rules with a tier preset, keeping exceptions and ids unique', () => {
    const forms = rules.map(ruleToForm);
    const next = applyPreset(forms, tierPresets('USD', '1')[0]);
    expect(next.filter((form) => form.scopeType === 'all').map((form) => [form.min, form.max, form.percent])).toEqual([
      ['', '5', '40'],
      ['5', '20', '25'],
      ['20', '', '15'],
    ]);
    expect(next.filter((form) => form.scopeType !== 'all').map((form) => form.id)).toEqual([
      'bc',
      'cat',
      'plan',
      'one',
    ]);
    expect(new Set(next.map((form) => form.id)).size).toBe(next.length);
    expect(parseRuleSet(draftRuleSet('USD', next, []).ruleSet)).toBeTruthy();
  });

  it('moves a rule up and down within bounds', () => {
    const forms = rules.map(ruleToForm);
    expect(moveRule(forms, 'bc', -1).map((f) => f.id)).toEqual(['bc', 'tier-low', 'cat', 'plan', 'one']);
    expect(moveRule(forms, 'one', 1).map((f) => f.id)).toEqual(forms.map((f) => f.id));
  });

  it('gives a new rule an id no other rule has', () => {
    expect(newRuleForm(['rule-1', 'rule-2']).id).toBe('rule-3');
  });

  it('sizes the quick roundings and a new rule’s rounding like the presets of the merchant’s currency', () => {
    // In dollars, and until main's presets arrive, the dollar choices.
    expect(roundingChoices(markupPresets('USD'))).toEqual(ROUNDING_CHOICES);
    expect(roundingChoices([])).toEqual(ROUNDING_CHOICES);
    expect(roundingChoices(markupPresets('KWD'))).toEqual(ROUNDING_CHOICES);
    // Not a tenth of a yen nor a .99 ending a yen price cannot carry; whole rupiah thousands.
    expect(roundingChoices(markupPresets('JPY'))).toEqual(['none', 'up:10', 'up:100']);
    expect(roundingChoices(markupPresets('IDR'))).toEqual(['none', 'up:1000', 'up:10000']);
    expect(roundingChoices(markupPresets('CNY'))).toEqual(['none', 'up:1', 'up:10', 'charm:.99', 'charm:.49']);
    // Every choice, and a new rule with the first step, builds a rule; the presets' own roundings are among them.
    for (const currency of ['USD', 'JPY', 'IDR', 'CNY', 'PHP', 'ISK']) {
      const presets = markupPresets(currency);
      const choices = roundingChoices(presets);
      for (const rule of presets.flatMap((preset) => preset.rules))
        expect(choices, currency).toContain(roundingKey(rule.rounding));
      const form = newRuleForm([], undefined, choices[1]);
      expect(form.rounding, currency).toBe(roundingKey(presets[0].rules[0].rounding));
      for (const rounding of choices) expect(formToRule({ ...form, rounding }).rule, rounding).not.toBeNull();
    }
    expect(newRuleForm([]).rounding).toBe('up:0.1');
  });
});

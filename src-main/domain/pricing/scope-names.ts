import type { UiLanguage } from '../locale';
import { supplierOfferKey } from '../offer';
import type { RuleScope, RuleSet } from './rules';

/** A scope that points at something the catalog names: a plan, an offer or a supplier's category. */
export type NamedScope = Extract<RuleScope, { type: 'plan' | 'offer' | 'category' }>;

/**
 * What the catalog calls the plans, offers and categories that rules and locks point at, in each language the UI
 * speaks, by scopeNameKey. A scope without an entry is not in the catalog (any more): the screen shows its id.
 */
export type ScopeNames = Record<UiLanguage, Record<string, string>>;

/** A plan, offer or category scope as one string, to look its name up by; null for scopes named by the screen alone. */
export function scopeNameKey(scope: RuleScope): string | null {
  switch (scope.type) {
    case 'plan':
      return `plan:${scope.planKey}`;
    case 'offer':
      return `offer:${supplierOfferKey({ supplier: scope.supplierId, productId: scope.productId, skuId: scope.skuId, variant: scope.variant })}`;
    case 'category':
      // Category ids are unique only within one supplier; encoded so a "|" in an id cannot join two pairs.
      return `category:${[scope.supplierId, scope.categoryId].map(encodeURIComponent).join('|')}`;
    default:
      return null;
  }
}

/** Every plan, offer and category the rules and locks point at, each once. */
export function namedScopes(ruleSet: Pick<RuleSet, 'rules' | 'locks'>): NamedScope[] {
  const scopes = new Map<string, NamedScope>();
  for (const scope of [...ruleSet.rules.map((rule) => rule.scope), ...ruleSet.locks.map((lock) => lock.target)]) {
    const key = scopeNameKey(scope);
    if (key !== null && !scopes.has(key)) scopes.set(key, scope as NamedScope);
  }
  return [...scopes.values()];
}

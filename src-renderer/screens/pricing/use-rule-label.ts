import { useEffect } from 'react';
import { useT } from '../../i18n';
import { pricingDictionary } from '../../i18n/pricing';
import { usePricingStore } from '../../stores/pricing';
import { useSuppliersStore } from '../../stores/suppliers';
import { ruleLabel } from './rule-summary';
import { useScopeNames } from './use-scope-names';

/** A rule's label by its id, for screens that only know the id (the grid's price panel); the id until rules load. */
export function useRuleLabel(): (ruleId: string) => string {
  const t = useT(pricingDictionary);
  const saved = usePricingStore((s) => s.saved);
  const suppliers = useSuppliersStore((s) => s.suppliers);
  const names = useScopeNames();
  useEffect(() => {
    if (!usePricingStore.getState().saved) void usePricingStore.getState().load();
  }, []);
  return (ruleId) => {
    const rule = saved?.rules.find((candidate) => candidate.id === ruleId);
    return rule ? ruleLabel(rule, suppliers, names, t) : ruleId;
  };
}

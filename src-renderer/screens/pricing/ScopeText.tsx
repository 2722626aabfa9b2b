import type { RuleScope } from '../../../src-main/domain/pricing/rules';
import { useT } from '../../i18n';
import { pricingDictionary } from '../../i18n/pricing';
import { useSuppliersStore } from '../../stores/suppliers';
import { describeScope, scopeIds, scopeName } from './rule-summary';
import { useScopeNames } from './use-scope-names';

/**
 * What a rule or lock applies to, by name: a plan's or offer's title, a category's path. The ids stay on hover and,
 * under a name, on a muted line; a scope the catalog cannot name is shown by its ids alone.
 */
export function ScopeText({ scope, className }: { scope: RuleScope; className: string }) {
  const t = useT(pricingDictionary);
  const suppliers = useSuppliersStore((s) => s.suppliers);
  const names = useScopeNames();
  const ids = scopeIds(scope);
  const named = scopeName(scope, names) !== undefined;
  return (
    <>
      <div
        className={className}
        title={ids.map((id) => t('field.withValue', { field: t(id.label), value: id.value })).join('\n') || undefined}
      >
        {describeScope(scope, suppliers, names, t)}
      </div>
      {named && (
        <div className="muted scope-ids">
          {ids.map((id) => (
            <span key={id.label}>
              {t(id.label)} <code translate="no">{id.value}</code>
            </span>
          ))}
        </div>
      )}
    </>
  );
}

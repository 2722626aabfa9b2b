import { useEffect, useState } from 'react';
import type { LockedPrice } from '../../../src-main/domain/pricing/rules';
import { api } from '../../api';
import { formatMoney } from '../../components/format';
import { useT } from '../../i18n';
import { pricingDictionary } from '../../i18n/pricing';
import { usePricingStore } from '../../stores/pricing';
import { supplierName } from '../../components/supplier-name';
import { useSuppliersStore } from '../../stores/suppliers';
import { useUiStore } from '../../stores/ui';
import { readablePlanKey } from './rule-summary';

export function LockedPrices() {
  const t = useT(pricingDictionary);
  const { saved, unlock, unlockError } = usePricingStore();
  const suppliers = useSuppliersStore((s) => s.suppliers);
  const locks = saved?.locks ?? [];
  const titles = usePlanTitles(locks.flatMap((lock) => (lock.target.type === 'plan' ? [lock.target.planKey] : [])));
  const describe = (target: LockedPrice['target']) => target.type === 'plan'
    ? t('lock.plan', { plan: titles[target.planKey] ?? readablePlanKey(target.planKey) })
    : t('lock.offer', { supplier: supplierName(suppliers, target.supplierId), offer: [target.productId, target.skuId, target.variant].filter(Boolean).join(' / ') });
  return (
    <div className="card locks-card">
      <h2>{t('locks')}</h2>
      {locks.length === 0 ? (
        <p className="muted locks-empty">{t('locks.empty')}</p>
      ) : (
        <table className="table locks-table">
          <thead>
            <tr>
              <th>{t('locks.target')}</th>
              <th className="num">{t('locks.price')}</th>
              <th>{t('locks.note')}</th>
              <th aria-label={t('col.actions')} />
            </tr>
          </thead>
          <tbody>
            {locks.map((lock) => (
              <tr key={JSON.stringify(lock.target)}>
                <td className="lock-target" title={lockTargetId(lock.target)}>{describe(lock.target)}</td>
                <td className="num">{formatMoney(lock.price)}</td>
                <td className="muted">{lock.note ?? '—'}</td>
                <td className="lock-actions"><button className="button" onClick={() => void unlock(lock.target)}>{t('locks.unlock')}</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {unlockError && <p className="error">{unlockError}</p>}
    </div>
  );
}

/** The plan's own key or the offer's ids: shown on hover, beside the names the merchant reads. */
function lockTargetId(target: LockedPrice['target']): string {
  return target.type === 'plan' ? readablePlanKey(target.planKey) : [target.supplierId, target.productId, target.skuId, target.variant].filter(Boolean).join(' / ');
}

/** The grid's titles of these plans in the reader's language; a plan no longer in the grid keeps its key. */
function usePlanTitles(planKeys: string[]): Record<string, string> {
  const language = useUiStore((s) => s.language);
  const [titles, setTitles] = useState<Record<string, string>>({});
  const wanted = JSON.stringify(planKeys);
  useEffect(() => {
    const keys = JSON.parse(wanted) as string[];
    if (keys.length === 0) return;
    let current = true;
    api()['grid.planTitles'](keys, language).then((found) => current && setTitles(found), () => current && setTitles({}));
    return () => {
      current = false;
    };
  }, [wanted, language]);
  return titles;
}

import { formatMoney } from '../../components/format';
import { useT } from '../../i18n';
import { pricingDictionary } from '../../i18n/pricing';
import { usePricingStore } from '../../stores/pricing';
import { ScopeText } from './ScopeText';

export function LockedPrices() {
  const t = useT(pricingDictionary);
  const { saved, unlock, unlockError } = usePricingStore();
  const locks = saved?.locks ?? [];
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
                <td>
                  <ScopeText scope={lock.target} className="lock-target" />
                </td>
                <td className="num">{formatMoney(lock.price)}</td>
                <td className="muted">{lock.note ?? '—'}</td>
                <td className="lock-actions">
                  <button className="button" onClick={() => void unlock(lock.target)}>
                    {t('locks.unlock')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {unlockError && <p className="error">{unlockError}</p>}
    </div>
  );
}

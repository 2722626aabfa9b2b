import { EmptyState, ErrorState, LoadingState } from '../../components/States';
import { useT } from '../../i18n';
import { pricingDictionary } from '../../i18n/pricing';
import { usePricingStore } from '../../stores/pricing';
import { useSettingsStore } from '../../stores/settings';
import { useUiStore } from '../../stores/ui';
import { AddRateForm } from './AddRateForm';
import { RateRow } from './RateRow';

export function RatesTable() {
  const t = useT(pricingDictionary);
  const { rates, ratesBase, ratesLoaded, ratesError, loadRates, fetchRates, fetchStatus } = usePricingStore();
  const ratesUrl = useSettingsStore((s) => s.settings?.ratesUrl);
  const go = useUiStore((s) => s.go);
  const base = ratesBase ?? '';
  return (
    <div className="card rates-card">
      <div className="card-title-row">
        <h2>{t('rates')}</h2>
        <button className="button" onClick={() => void fetchRates()} disabled={fetchStatus.state === 'busy'}>
          {fetchStatus.state === 'busy' ? t('rates.fetching') : t('rates.fetch')}
        </button>
      </div>
      <p className="muted rates-source">
        {t('rates.from')} <code className="rates-url">{ratesUrl ?? '…'}</code>{' '}
        <button className="link" onClick={() => go('settings')}>
          {t('rates.changeUrl')}
        </button>
      </p>
      {fetchStatus.state === 'ok' && (
        <p className="rates-fetched" role="status">
          {fetchStatus.updated
            ? t('rates.fetched', { n: fetchStatus.updated, date: fetchStatus.asOf ?? '' })
            : t('rates.unchanged')}
        </p>
      )}
      {fetchStatus.state === 'error' && (
        <p className="rates-fetch-error" role="alert">
          {t('rates.fetchFailed', { message: fetchStatus.message ?? '' })}
        </p>
      )}
      {!ratesLoaded && <LoadingState />}
      {ratesError && <ErrorState message={ratesError} onRetry={() => void loadRates()} />}
      {ratesLoaded && !ratesError && rates.length === 0 && <EmptyState>{t('rates.empty')}</EmptyState>}
      {rates.length > 0 && (
        <table className="table rates-table">
          <thead>
            <tr>
              <th>{t('rates.currency')}</th>
              <th className="num">{t('rates.value', { base })}</th>
              <th>{t('rates.date')}</th>
              <th>{t('rates.source')}</th>
              <th aria-label={t('col.actions')} />
            </tr>
          </thead>
          <tbody>
            {rates.map((rate) => (
              <RateRow key={rate.currency} rate={rate} />
            ))}
          </tbody>
        </table>
      )}
      {ratesLoaded && !ratesError && <AddRateForm base={base} />}
    </div>
  );
}

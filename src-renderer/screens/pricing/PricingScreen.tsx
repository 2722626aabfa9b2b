import { useEffect } from 'react';
import { ErrorState, LoadingState } from '../../components/States';
import { useT } from '../../i18n';
import { pricingDictionary } from '../../i18n/pricing';
import { usePricingStore } from '../../stores/pricing';
import { useSettingsStore } from '../../stores/settings';
import { useSuppliersStore } from '../../stores/suppliers';
import { LockedPrices } from './LockedPrices';
import { PreviewPanel } from './PreviewPanel';
import { RatesTable } from './RatesTable';
import { RulesEditor } from './RulesEditor';
import './pricing.css';

export function PricingScreen() {
  const t = useT(pricingDictionary);
  const { saved, loading, loadError, load, loadRates } = usePricingStore();
  const loadSuppliers = useSuppliersStore((s) => s.load);
  const loadSettings = useSettingsStore((s) => s.load);

  useEffect(() => {
    void load();
    void loadRates();
    void loadSuppliers();
    void loadSettings();
  }, [load, loadRates, loadSuppliers, loadSettings]);

  return (
    <section className="screen-page pricing-screen">
      <header className="screen-header">
        <div>
          <h1>{t('title')}</h1>
          <p className="muted screen-lede">{t('lede', { currency: saved?.currency ?? '' })}</p>
        </div>
      </header>
      {loading && <LoadingState />}
      {loadError && <ErrorState message={loadError} onRetry={() => void load()} />}
      {saved && (
        <div className="pricing-top">
          <RulesEditor />
          <PreviewPanel />
        </div>
      )}
      {saved && <LockedPrices />}
      <RatesTable />
    </section>
  );
}

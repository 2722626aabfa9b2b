import { useEffect, useState } from 'react';
import type { SupplierSummary } from '../../../src-shared/contract';
import { ErrorState, LoadingState } from '../../components/States';
import { useT } from '../../i18n';
import { suppliersDictionary } from '../../i18n/suppliers';
import { useAppStore } from '../../stores/app';
import { useSuppliersStore } from '../../stores/suppliers';
import { useUiStore } from '../../stores/ui';
import { AppNotices } from './AppNotices';
import { DemoNotice } from './DemoNotice';
import { SupplierForm } from './SupplierForm';
import { SupplierTable } from './SupplierTable';
import './suppliers.css';

type FormTarget = { mode: 'add' } | { mode: 'edit'; supplier: SupplierSummary };

export function SuppliersScreen() {
  const t = useT(suppliersDictionary);
  const { suppliers, kinds, loaded, loading, error, load } = useSuppliersStore();
  const demo = useAppStore((s) => s.info?.demo ?? false);
  const go = useUiStore((s) => s.go);
  const [formTarget, setFormTarget] = useState<FormTarget | null>(null);
  const [savedName, setSavedName] = useState<string | null>(null);

  useEffect(() => {
    void load();
  }, [load]);

  const openAdd = () => {
    setSavedName(null);
    setFormTarget({ mode: 'add' });
  };

  // "Add a real supplier" from the banner on any screen lands here with the form already open.
  const addRequested = useUiStore((s) => s.addSupplierRequested);
  const clearAddSupplier = useUiStore((s) => s.clearAddSupplier);
  useEffect(() => {
    if (!addRequested || !loaded) return;
    clearAddSupplier();
    openAdd();
  }, [addRequested, loaded, clearAddSupplier]);

  return (
    <section className="screen-page suppliers-screen">
      <header className="screen-header">
        <div>
          <h1>{t('title')}</h1>
          <p className="muted screen-lede">{t('lede')}</p>
        </div>
        {!demo && loaded && (
          <button className="primary" onClick={openAdd}>
            {t('add')}
          </button>
        )}
      </header>

      {savedName && (
        <div className="suppliers-saved" role="status">
          <span>{t('saved', { name: savedName })}</span>
          <button className="button" onClick={() => go('sync')}>
            {t('saved.sync')}
          </button>
          <button className="link" onClick={() => setSavedName(null)}>
            {t('action.close')}
          </button>
        </div>
      )}

      <AppNotices />
      {demo && loaded && <DemoNotice onAdd={openAdd} />}

      {loading && <LoadingState />}
      {error && <ErrorState message={error} onRetry={() => void load()} />}
      {loaded &&
        !error &&
        (suppliers.length === 0 ? (
          <div className="card suppliers-empty">
            <p>{t('empty')}</p>
            <button className="primary" onClick={openAdd}>
              {t('add')}
            </button>
          </div>
        ) : (
          <SupplierTable
            suppliers={suppliers}
            kinds={kinds}
            onEdit={(supplier) => setFormTarget({ mode: 'edit', supplier })}
          />
        ))}

      {formTarget && (
        <SupplierForm
          kinds={kinds}
          supplier={formTarget.mode === 'edit' ? formTarget.supplier : null}
          onClose={() => setFormTarget(null)}
          onSaved={(name) => {
            setFormTarget(null);
            setSavedName(name);
          }}
        />
      )}
    </section>
  );
}

import { EmptyState } from '../../components/States';
import { useShallow } from 'zustand/react/shallow';
import { useT } from '../../i18n';
import { syncDictionary } from '../../i18n/sync';
import { useSuppliersStore } from '../../stores/suppliers';
import { useSyncStore } from '../../stores/sync';
import { useUiStore } from '../../stores/ui';
import { SupplierProgressRow } from './SupplierProgressRow';

export function SupplierProgressList() {
  const t = useT(syncDictionary);
  const { suppliers, kinds } = useSuppliersStore();
  const { progress, running, syncSuppliers } = useSyncStore(
    useShallow((s) => ({ progress: s.progress, running: s.running, syncSuppliers: s.syncSuppliers })),
  );
  const go = useUiStore((s) => s.go);
  if (suppliers.length === 0) {
    return (
      <EmptyState>
        <p>{t('noSuppliers')}</p>
        <button className="primary" onClick={() => go('suppliers')}>
          {t('addSupplier')}
        </button>
      </EmptyState>
    );
  }
  return (
    <ul className="progress-list" aria-label={t('suppliers')}>
      {suppliers.map((supplier) => (
        <SupplierProgressRow
          key={supplier.id}
          supplier={supplier}
          kindLabel={kinds.find((k) => k.kind === supplier.kind)?.label ?? supplier.kind}
          progress={progress[supplier.id]}
          syncDisabled={running}
          onSync={() => syncSuppliers([supplier.id])}
        />
      ))}
    </ul>
  );
}

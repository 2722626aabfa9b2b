import { useState } from 'react';
import type { SupplierSummary } from '../../../src-shared/contract';
import { useT } from '../../i18n';
import { suppliersDictionary } from '../../i18n/suppliers';
import { supplierName } from '../../components/supplier-name';
import { useSuppliersStore } from '../../stores/suppliers';
import { LastRunCell } from './LastRunCell';

export function SupplierRow({
  supplier,
  kindLabel,
  onEdit,
}: {
  supplier: SupplierSummary;
  kindLabel: string;
  onEdit: () => void;
}) {
  const t = useT(suppliersDictionary);
  const remove = useSuppliersStore((s) => s.remove);
  const [confirming, setConfirming] = useState(false);
  const [removeError, setRemoveError] = useState<string | null>(null);

  const confirmRemove = async () => {
    try {
      await remove(supplier.id);
    } catch (error) {
      setRemoveError((error as Error).message);
      setConfirming(false);
    }
  };

  return (
    <tr>
      <td>
        <div className="supplier-row-name">
          <span>{supplierName([supplier], supplier.id)}</span>
          {supplier.demo && <span className="badge demo">{t('demo.badge')}</span>}
        </div>
        <div className="muted supplier-id" translate="no">
          {supplier.id}
        </div>
      </td>
      <td>{kindLabel}</td>
      <td className="num">{supplier.offers.toLocaleString()}</td>
      <td>
        <LastRunCell run={supplier.lastRun} />
      </td>
      <td className="row-actions">
        {supplier.demo ? (
          <span className="muted">{t('readOnly')}</span>
        ) : confirming ? (
          <span
            className="confirm-remove"
            role="group"
            aria-label={t('remove.confirm', { name: supplierName([supplier], supplier.id) })}
          >
            <span>{t('remove.confirm', { name: supplierName([supplier], supplier.id) })}</span>
            <button className="button danger" onClick={() => void confirmRemove()}>
              {t('action.remove')}
            </button>
            <button className="button" onClick={() => setConfirming(false)}>
              {t('action.cancel')}
            </button>
          </span>
        ) : (
          <>
            <button className="button" onClick={onEdit}>
              {t('action.edit')}
            </button>
            <button className="button danger" onClick={() => setConfirming(true)}>
              {t('action.remove')}
            </button>
          </>
        )}
        {removeError && <div className="error">{removeError}</div>}
      </td>
    </tr>
  );
}

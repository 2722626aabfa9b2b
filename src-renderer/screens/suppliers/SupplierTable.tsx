import type { SupplierKindInfo, SupplierSummary } from '../../../src-shared/contract';
import { useT } from '../../i18n';
import { suppliersDictionary } from '../../i18n/suppliers';
import { SupplierRow } from './SupplierRow';

export function SupplierTable({
  suppliers,
  kinds,
  onEdit,
}: {
  suppliers: SupplierSummary[];
  kinds: SupplierKindInfo[];
  onEdit: (supplier: SupplierSummary) => void;
}) {
  const t = useT(suppliersDictionary);
  return (
    <div className="card table-card">
      <table className="table suppliers-table">
        <thead>
          <tr>
            <th>{t('col.name')}</th>
            <th>{t('col.kind')}</th>
            <th className="num">{t('col.offers')}</th>
            <th>{t('col.lastSync')}</th>
            <th className="actions-col" aria-label={t('col.actions')} />
          </tr>
        </thead>
        <tbody>
          {suppliers.map((supplier) => (
            <SupplierRow
              key={supplier.id}
              supplier={supplier}
              kindLabel={kinds.find((k) => k.kind === supplier.kind)?.label ?? supplier.kind}
              onEdit={() => onEdit(supplier)}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

import type { SupplierSummary } from '../../src-shared/contract';
import { useSuppliersStore } from '../stores/suppliers';
import { useUiStore } from '../stores/ui';
import { common } from '../i18n/common';
import { fillTemplate } from '../i18n/fill-template';

/**
 * The name a merchant gave a supplier, falling back to its id (runs, orders and rules may outlive their connection).
 * A built-in simulator has no name of the merchant's: it is called "Demo <brand>" in the reader's language, also
 * once it is no longer listed (its runs and orders stay after a real supplier is added).
 */
export function supplierName(suppliers: readonly SupplierSummary[], supplierId: string): string {
  const supplier = suppliers.find((s) => s.id === supplierId);
  if (supplier && !supplier.demo) return supplier.name;
  const { kinds } = useSuppliersStore.getState();
  const brand = supplier
    ? kinds.find((k) => k.kind === supplier.kind)?.label
    : supplierId.startsWith('demo-')
      ? kinds.find((k) =>
          k.label
            .toLowerCase()
            .replace(/[^a-z]/g, '')
            .startsWith(supplierId.slice(5)),
        )?.label
      : undefined;
  if (!brand) return supplier?.name ?? supplierId;
  return fillTemplate(common[useUiStore.getState().language]['demo.supplierName'], { brand });
}

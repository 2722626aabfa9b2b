import type { StoredAlert } from '../../../src-shared/alert-types';
import { useGridStore } from '../../stores/grid';
import { EMPTY_FILTERS } from '../../stores/grid-query';
import { useOrdersStore } from '../../stores/orders';
import { useUiStore } from '../../stores/ui';

/** An alert opens what it is about: a plan in the Grid (searched by its title), an order, or the Sync screen. */
export function openAlert(alert: StoredAlert): void {
  const go = useUiStore.getState().go;
  if (alert.subject.kind === 'plan') {
    useGridStore.getState().setFilters({ ...EMPTY_FILTERS, search: String(alert.params.title ?? '') });
    go('grid');
  } else if (alert.subject.kind === 'order') {
    useOrdersStore.getState().select(Number(alert.subject.id));
    go('orders');
  } else {
    go('sync');
  }
}

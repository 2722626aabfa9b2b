import { useState } from 'react';
import { displayTitle } from '../../../src-main/domain/locale';
import type { GridOffer } from '../../../src-shared/grid-types';
import { useT } from '../../i18n';
import { ordersDictionary } from '../../i18n/orders';
import { useOrdersStore } from '../../stores/orders';
import { useUiStore } from '../../stores/ui';
import { OrderDialog } from './OrderDialog';

/** The Grid drawer's "Place test order" for one offer: opens the order dialog, and from it the Test orders screen. */
export function TestOrderButton({ offer }: { offer: GridOffer }) {
  const t = useT(ordersDictionary);
  const language = useUiStore((s) => s.language);
  const go = useUiStore((s) => s.go);
  const select = useOrdersStore((s) => s.select);
  const [open, setOpen] = useState(false);
  const ref = { supplier: offer.supplier, productId: offer.productId, skuId: offer.skuId, variant: offer.variant };
  const button = (
    <button
      type="button"
      className="button small"
      disabled={!offer.orderable}
      title={offer.orderable ? t('grid.button.hint') : t('grid.button.notOrderable')}
      onClick={() => setOpen(true)}
    >
      {t('grid.button')}
    </button>
  );
  return (
    <>
      {/* A disabled button swallows hover: the wrapper carries the tooltip. */}
      {offer.orderable ? (
        button
      ) : (
        <span className="disabled-hint" title={t('grid.button.notOrderable')}>
          {button}
        </span>
      )}
      {open && (
        <OrderDialog
          offer={ref}
          title={displayTitle(offer.titles, language)}
          onClose={() => setOpen(false)}
          onOpenOrder={(orderId) => {
            select(orderId);
            setOpen(false);
            go('orders');
          }}
        />
      )}
    </>
  );
}

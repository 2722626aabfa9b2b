import { useState } from 'react';
import type { OrderView } from '../../../src-shared/order-types';
import { useT } from '../../i18n';
import { ordersDictionary } from '../../i18n/orders';
import { useOrdersStore } from '../../stores/orders';
import { CompleteByHand } from './CompleteByHand';
import { useOrderText } from './order-text';

/**
 * "Complete by hand" and "Close"/"Cancel" for an order the merchant has to settle: one that needs attention,
 * or one still waiting on the supplier (BillionConnect's code arrives only by a push that may never reach us).
 */
export function ResolveActions({ order }: { order: OrderView }) {
  const t = useT(ordersDictionary);
  const text = useOrderText(order.supplier);
  const cancel = useOrdersStore((s) => s.cancel);
  const [mode, setMode] = useState<'idle' | 'completing' | 'confirmClose'>('idle');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const attention = order.status === 'attention';

  const close = async () => {
    setPending(true);
    setError(null);
    try {
      await cancel(order.id);
      setMode('idle');
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setPending(false);
    }
  };

  return (
    <div className="resolve-actions">
      {mode === 'idle' && (
        <div className="form-actions">
          <button type="button" className={attention ? 'primary' : 'button'} onClick={() => setMode('completing')}>
            {t('resolve.complete')}
          </button>
          <button type="button" className="button danger" onClick={() => setMode('confirmClose')}>
            {attention ? t('resolve.close') : t('resolve.cancel')}
          </button>
        </div>
      )}
      {mode === 'completing' && (
        <CompleteByHand orderId={order.id} supplierId={order.supplier} onDone={() => setMode('idle')} />
      )}
      {mode === 'confirmClose' && (
        <div className="confirm-close" role="group" aria-label={attention ? t('resolve.close') : t('resolve.cancel')}>
          <p>{attention ? t('resolve.close.confirm') : t('resolve.cancel.confirm')}</p>
          <div className="form-actions">
            <button type="button" className="button danger" disabled={pending} onClick={() => void close()}>
              {attention ? t('resolve.close.yes') : t('resolve.cancel.yes')}
            </button>
            <button type="button" className="button" disabled={pending} onClick={() => setMode('idle')}>
              {t('resolve.keep')}
            </button>
          </div>
        </div>
      )}
      {error && (
        <p className="error" role="alert">
          {text.word(error)}
        </p>
      )}
    </div>
  );
}

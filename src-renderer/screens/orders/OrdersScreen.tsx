import { useEffect, useState } from 'react';
import type { OfferRef } from '../../../src-shared/grid-types';
import type { OrderView } from '../../../src-shared/order-types';
import { useT } from '../../i18n';
import { ordersDictionary } from '../../i18n/orders';
import { useOrdersStore } from '../../stores/orders';
import { useSettingsStore } from '../../stores/settings';
import { useSuppliersStore } from '../../stores/suppliers';
import { DailyCapSetting } from './DailyCapSetting';
import { OrderDetail } from './OrderDetail';
import { OrderDialog } from './OrderDialog';
import { OrderList } from './OrderList';
import './orders.css';

/** Test orders: history on the left with the daily cap above it, the selected order's detail on the right. */
export function OrdersScreen() {
  const t = useT(ordersDictionary);
  const loadSettings = useSettingsStore((s) => s.load);
  const loadSuppliers = useSuppliersStore((s) => s.load);
  const select = useOrdersStore((s) => s.select);
  // null: no dialog; { offer: null }: find an offer first; else that offer.
  const [dialog, setDialog] = useState<{ offer: OfferRef | null; title?: string } | null>(null);

  useEffect(() => {
    const { connect, load } = useOrdersStore.getState();
    connect();
    void load();
    void loadSettings();
    void loadSuppliers();
  }, [loadSettings, loadSuppliers]);

  const orderAgain = (order: OrderView) => setDialog({ offer: order.offer, title: order.title });

  return (
    <section className="screen-page orders-screen">
      <header className="screen-header">
        <div>
          <h1>{t('title')}</h1>
          <p className="muted screen-lede">{t('lede')}</p>
        </div>
        <button type="button" className="primary" onClick={() => setDialog({ offer: null })}>
          {t('newOrder')}
        </button>
      </header>
      <div className="orders-split">
        <div className="orders-side">
          <DailyCapSetting />
          <OrderList onNewOrder={() => setDialog({ offer: null })} />
        </div>
        <OrderDetail onOrderAgain={orderAgain} />
      </div>
      {dialog && (
        <OrderDialog
          offer={dialog.offer}
          title={dialog.title}
          onClose={() => setDialog(null)}
          onOpenOrder={(orderId) => {
            select(orderId);
            setDialog(null);
          }}
        />
      )}
    </section>
  );
}

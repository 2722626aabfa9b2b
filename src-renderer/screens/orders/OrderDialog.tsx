import { useEffect, useId, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { OfferRef } from '../../../src-shared/grid-types';
import type { OrderQuote } from '../../../src-shared/order-types';
import { api } from '../../api';
import { formatMoney } from '../../components/format';
import { ErrorState, LoadingState } from '../../components/States';
import { useT } from '../../i18n';
import { ordersDictionary } from '../../i18n/orders';
import { useOrdersStore } from '../../stores/orders';
import { isInFlight, withRevealed } from '../../stores/orders-view';
import { supplierName } from '../../components/supplier-name';
import { useSuppliersStore } from '../../stores/suppliers';
import { useOrderText } from './order-text';
import { OfferPicker } from './OfferPicker';
import { OrderForm, missingInput, type OrderFormValues } from './OrderForm';
import { OrderOutcome } from './OrderOutcome';
import { QuoteSummary } from './QuoteSummary';
import { StatusBadge } from './StatusBadge';
import { Timeline } from './Timeline';
import './orders.css';

interface Props {
  /** The offer to order; null lets the merchant find one first (from the Orders screen). */
  offer: OfferRef | null;
  /** The offer's title in the reader's language, as the caller shows it. */
  title?: string;
  onClose: () => void;
  /** Shows the order in the Test orders screen; without it the button is not offered. */
  onOpenOrder?: (orderId: number) => void;
}

type QuoteState = { status: 'loading' } | { status: 'ready'; quote: OrderQuote } | { status: 'error'; message: string };

const NO_VALUES: OrderFormValues = { email: '', buyerInput: {}, confirmed: false };

/**
 * Quote → explicit confirmation → place → follow the order live until it ends, in one dialog. Rendered into
 * <body> so it sits above the Grid's drawer it is opened from, whatever that drawer's own stacking.
 */
export function OrderDialog({ offer: initialOffer, title: initialTitle, onClose, onOpenOrder }: Props) {
  const t = useT(ordersDictionary);
  const headingId = useId();
  const panel = useRef<HTMLDivElement>(null);
  const suppliers = useSuppliersStore((s) => s.suppliers);
  const suppliersLoaded = useSuppliersStore((s) => s.loaded);
  const loadSuppliers = useSuppliersStore((s) => s.load);
  const { connect, remember } = useOrdersStore.getState();
  const [picked, setPicked] = useState<{ offer: OfferRef; title: string } | null>(
    initialOffer ? { offer: initialOffer, title: initialTitle ?? '' } : null,
  );
  const orderText = useOrderText(picked?.offer.supplier ?? '');
  const [quoteState, setQuoteState] = useState<QuoteState>({ status: 'loading' });
  const [quoteToken, setQuoteToken] = useState(0);
  const [values, setValues] = useState<OrderFormValues>(NO_VALUES);
  const [placing, setPlacing] = useState(false);
  const [placeError, setPlaceError] = useState<string | null>(null);
  const [orderId, setOrderId] = useState<number | null>(null);
  // Two plain selections: a selector that built the merged object would hand zustand a new value on every read.
  const storedOrder = useOrdersStore((s) => (orderId === null ? undefined : s.orders.find((o) => o.id === orderId)));
  const revealedDelivery = useOrdersStore((s) => (orderId === null ? undefined : s.revealed[orderId]));
  const order = storedOrder ? withRevealed(storedOrder, revealedDelivery) : null;

  useEffect(() => {
    connect();
    if (!suppliersLoaded) void loadSuppliers();
    panel.current?.focus({ preventScroll: true });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per dialog
  }, []);

  // Escape closes this dialog only: the Grid's drawer underneath listens for it too, on the document.
  useEffect(() => {
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.stopPropagation();
      onClose();
    };
    window.addEventListener('keydown', closeOnEscape, true);
    return () => window.removeEventListener('keydown', closeOnEscape, true);
  }, [onClose]);

  useEffect(() => {
    if (!picked) return;
    let cancelled = false;
    setQuoteState({ status: 'loading' });
    api()
      ['orders.quote'](picked.offer, 1)
      .then((quote) => {
        if (!cancelled) setQuoteState({ status: 'ready', quote });
      })
      .catch((error: Error) => !cancelled && setQuoteState({ status: 'error', message: error.message }));
    return () => {
      cancelled = true;
    };
  }, [picked, quoteToken]);

  const quote = quoteState.status === 'ready' ? quoteState.quote : null;
  const supplierId = picked?.offer.supplier ?? '';
  const supplier = supplierName(suppliers, supplierId);
  const demo = suppliers.find((s) => s.id === supplierId)?.demo ?? false;
  const canPlace =
    quote !== null && quote.allowed && values.confirmed && !missingInput(quote.inputFields, values) && !placing;

  const place = async () => {
    if (!picked || !quote) return;
    setPlacing(true);
    setPlaceError(null);
    try {
      const buyerInput = Object.fromEntries(
        Object.entries(values.buyerInput)
          .map(([key, value]) => [key, value.trim()])
          .filter(([, value]) => value !== ''),
      );
      const placed = await api()['orders.place']({
        offer: picked.offer,
        quantity: 1,
        confirm: true,
        ...(values.email.trim() ? { email: values.email.trim() } : {}),
        ...(Object.keys(buyerInput).length ? { buyerInput } : {}),
      });
      remember(placed);
      setOrderId(placed.id);
    } catch (error) {
      setPlaceError((error as Error).message);
      // The refusal may come from a cap or balance that moved since the quote: show the fresh figures.
      setQuoteToken((n) => n + 1);
    } finally {
      setPlacing(false);
    }
  };

  const title = picked?.title || quote?.title || '';
  let body;
  let actions;
  if (!picked) {
    body = <OfferPicker onPick={({ offer, title: pickedTitle }) => setPicked({ offer, title: pickedTitle })} />;
    actions = (
      <>
        <span className="spacer" />
        <button type="button" className="button" onClick={onClose}>
          {t('action.cancel')}
        </button>
      </>
    );
  } else if (orderId === null) {
    body = (
      <>
        {quoteState.status === 'loading' && <LoadingState label={t('quote.loading')} />}
        {quoteState.status === 'error' && (
          <ErrorState message={orderText.word(quoteState.message)} onRetry={() => setQuoteToken((n) => n + 1)} />
        )}
        {quote && <QuoteSummary quote={quote} supplierName={supplier} />}
        {quote && (
          <OrderForm
            fields={quote.inputFields}
            values={values}
            onChange={setValues}
            demo={demo}
            disabled={placing || !quote.allowed}
          />
        )}
        {placeError && (
          <p className="place-error" role="alert">
            {t('place.error', { message: orderText.word(placeError) })}
          </p>
        )}
      </>
    );
    actions = (
      <>
        {!initialOffer && (
          <button
            type="button"
            className="button"
            disabled={placing}
            onClick={() => {
              setPicked(null);
              setValues(NO_VALUES);
              setPlaceError(null);
            }}
          >
            {t('dialog.back')}
          </button>
        )}
        <span className="spacer" />
        <button type="button" className="button" onClick={onClose}>
          {t('action.cancel')}
        </button>
        <button type="button" className="primary place-button" disabled={!canPlace} onClick={() => void place()}>
          {placing
            ? t('place.placing')
            : quote
              ? t('place.button', { cost: formatMoney(quote.cost) })
              : t('place.buttonPlain')}
        </button>
      </>
    );
  } else {
    body = order ? (
      <>
        <OrderOutcome order={order} supplierName={supplier} />
        <section className="dialog-timeline">
          <h3>{t('timeline.title')}</h3>
          <Timeline entries={order.timeline} supplierId={order.supplier} />
        </section>
      </>
    ) : (
      <LoadingState />
    );
    actions = (
      <>
        {order && isInFlight(order.status) && <span className="muted follow-note">{t('follow.background')}</span>}
        <span className="spacer" />
        {onOpenOrder && (
          <button type="button" className="button" onClick={() => onOpenOrder(orderId)}>
            {t('follow.open')}
          </button>
        )}
        <button type="button" className="primary" onClick={onClose}>
          {t('action.close')}
        </button>
      </>
    );
  }

  return createPortal(
    <div
      className="order-dialog"
      onMouseDown={(event) => event.target === event.currentTarget && orderId === null && !placing && onClose()}
    >
      <div
        ref={panel}
        className="order-dialog-panel"
        role="dialog"
        aria-modal="true"
        aria-labelledby={headingId}
        tabIndex={-1}
      >
        <header className="order-dialog-head">
          <div className="order-dialog-heading">
            <h2 id={headingId}>{orderId === null ? t('dialog.title') : t('dialog.following', { id: orderId })}</h2>
            {picked && (
              <p className="order-dialog-offer">
                <span className="order-dialog-title" title={title}>
                  {title}
                </span>
                <span className="muted">
                  {supplier}
                  {quote ? ` · ${t(`kind.${quote.kind}`)}` : ''}
                </span>
              </p>
            )}
          </div>
          {order && <StatusBadge status={order.status} />}
          <button
            type="button"
            className="order-close"
            aria-label={t('action.close')}
            title={t('action.close')}
            onClick={onClose}
          >
            ×
          </button>
        </header>
        <div className="order-dialog-body">{body}</div>
        <footer className="order-dialog-actions">{actions}</footer>
      </div>
    </div>,
    document.body,
  );
}

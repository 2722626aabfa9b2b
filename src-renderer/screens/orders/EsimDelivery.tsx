import { useEffect, useState } from 'react';
import type { OrderView } from '../../../src-shared/order-types';
import { api } from '../../api';
import { useT } from '../../i18n';
import { ordersDictionary } from '../../i18n/orders';
import { useOrdersStore } from '../../stores/orders';
import { isMasked } from '../../stores/orders-view';
import { CopyButton } from './CopyButton';
import { DeliveryField } from './DeliveryField';
import { deliveredEsims, esimQrFileName, type DeliveredEsim } from './esim-list';
import { QrImage } from './QrImage';
import { useOrderText } from './order-text';

/** Saving goes through a download: in Electron that asks where, in a browser it lands in Downloads. */
function downloadDataUri(uri: string, fileName: string) {
  const link = document.createElement('a');
  link.href = uri;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
}

/**
 * Our QR of one eSIM, drawn by main from the revealed code as today. The order's only eSIM keeps using the store
 * (hidden again with the order); each of several is asked for by its index and dropped as soon as the order is hidden.
 */
function useEsimQr(
  order: OrderView,
  esim: DeliveredEsim,
  wanted: boolean,
): { uri: string | undefined; error: string | undefined } {
  const storeQr = useOrdersStore((s) => s.qr[order.id]);
  const storeError = useOrdersStore((s) => s.qrErrors[order.id]);
  const loadQr = useOrdersStore((s) => s.loadQr);
  const [own, setOwn] = useState<{ lpa: string; uri?: string; error?: string } | null>(null);
  const single = esim.index === null;

  useEffect(() => {
    if (single) {
      if (wanted && !storeQr) void loadQr(order.id);
      return;
    }
    if (!wanted || !esim.lpa) {
      setOwn(null);
      return;
    }
    let current = true;
    const lpa = esim.lpa;
    api()
      ['orders.qr'](order.id, esim.index!)
      .then(
        (uri) => current && setOwn({ lpa, uri }),
        (error: unknown) => current && setOwn({ lpa, error: error instanceof Error ? error.message : String(error) }),
      );
    return () => {
      current = false;
    };
  }, [single, wanted, storeQr, loadQr, order.id, esim.index, esim.lpa]);

  if (single) return { uri: storeQr, error: storeError };
  return own && own.lpa === esim.lpa && wanted
    ? { uri: own.uri, error: own.error }
    : { uri: undefined, error: undefined };
}

function EsimCard({
  order,
  esim,
  position,
  count,
  supplierQr,
}: {
  order: OrderView;
  esim: DeliveredEsim;
  position: number;
  count: number;
  supplierQr?: string;
}) {
  const t = useT(ordersDictionary);
  const text = useOrderText(order.supplier);
  const wantQr = order.revealed && esim.qrAvailable;
  const qr = useEsimQr(order, esim, wantQr);
  const ourLabel = count > 1 ? t('esim.qr.oursOf', { n: String(position), count: String(count) }) : t('esim.qr.ours');
  return (
    <div className="esim-delivery" data-esim={esim.index === null ? 'only' : String(esim.index + 1)}>
      {count > 1 && <h4 className="esim-heading">{t('esim.item', { n: String(position), count: String(count) })}</h4>}
      <div className="qr-pair">
        <figure className="qr-figure">
          {wantQr && qr.uri && (
            <QrImage
              src={qr.uri}
              label={ourLabel}
              testId={esim.index === null ? 'order-qr' : `order-qr-${esim.index + 1}`}
            />
          )}
          {wantQr && !qr.uri && (
            <div className={`qr-placeholder${qr.error ? ' error' : ''}`} role={qr.error ? 'alert' : 'status'}>
              {qr.error ? text.word(qr.error) : t('state.loading')}
            </div>
          )}
          {!wantQr && (
            <div className={`qr-placeholder${order.revealed ? '' : ' locked'}`}>
              {!esim.lpa ? t('esim.qr.none') : order.revealed ? t('esim.qr.invalid') : t('esim.qr.hidden')}
            </div>
          )}
          <figcaption>
            <span>{t('esim.qr.ours')}</span>
            <button
              type="button"
              className="button small"
              disabled={!qr.uri || !wantQr}
              onClick={() => qr.uri && downloadDataUri(qr.uri, esimQrFileName(order, esim.index))}
            >
              {t('esim.qr.save')}
            </button>
          </figcaption>
        </figure>
        {supplierQr && (
          <figure className="qr-figure">
            <QrImage src={supplierQr} label={t('esim.qr.supplier')} testId="supplier-qr" />
            <figcaption>
              <span>{t('esim.qr.supplier')}</span>
            </figcaption>
          </figure>
        )}
      </div>
      <dl className="delivery-fields">
        <DeliveryField name="smdp" label={t('esim.smdp')} value={esim.smdpAddress} />
        <DeliveryField
          name="activation-code"
          label={t('esim.code')}
          value={esim.activationCode}
          masked={isMasked(esim.activationCode ?? undefined)}
        />
        <DeliveryField name="iccid" label={t('esim.iccid')} value={esim.iccid} />
        <DeliveryField name="lpa" label={t('esim.lpa')} value={esim.lpa} masked={isMasked(esim.lpa ?? undefined)} />
        <div className="delivery-field" data-field="apple-link">
          <dt>{t('esim.apple')}</dt>
          <dd>
            {esim.appleLink ? (
              <>
                <a className="apple-link" href={esim.appleLink} target="_blank" rel="noreferrer">
                  {t('esim.apple.open')}
                </a>
                <CopyButton text={esim.appleLink} what={t('esim.apple')} />
              </>
            ) : (
              <span className="muted">{order.revealed ? t('esim.apple.none') : t('esim.apple.hidden')}</span>
            )}
          </dd>
        </div>
      </dl>
    </div>
  );
}

/** Each eSIM of the order with its own QR, codes and install link; an order for one shows just that one, as before. */
export function EsimDelivery({ order }: { order: OrderView }) {
  const t = useT(ordersDictionary);
  const esims = deliveredEsims(order.delivery);
  // The supplier's QR image belongs to the order's single-eSIM fields, which hold the first eSIM.
  const supplierQr = order.delivery?.qrImage;
  if (esims.length === 1)
    return <EsimCard order={order} esim={esims[0]} position={1} count={1} supplierQr={supplierQr} />;
  return (
    <div className="esim-list" aria-label={t('esim.count', { count: String(esims.length) })}>
      <p className="muted esim-count">{t('esim.count', { count: String(esims.length) })}</p>
      {esims.map((esim, position) => (
        <EsimCard
          key={esim.index}
          order={order}
          esim={esim}
          position={position + 1}
          count={esims.length}
          supplierQr={position === 0 ? supplierQr : undefined}
        />
      ))}
    </div>
  );
}

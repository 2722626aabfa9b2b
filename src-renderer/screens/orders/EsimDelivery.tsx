import { useEffect } from 'react';
import type { OrderView } from '../../../src-main/orders/types';
import { useT } from '../../i18n';
import { ordersDictionary } from '../../i18n/orders';
import { useOrdersStore } from '../../stores/orders';
import { esimDetails, isMasked, qrFileName } from '../../stores/orders-view';
import { CopyButton } from './CopyButton';
import { DeliveryField } from './DeliveryField';
import { QrImage } from './QrImage';

/** Saving goes through a download: in Electron that asks where, in a browser it lands in Downloads. */
function downloadDataUri(uri: string, fileName: string) {
  const link = document.createElement('a');
  link.href = uri;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
}

export function EsimDelivery({ order }: { order: OrderView }) {
  const t = useT(ordersDictionary);
  const details = esimDetails(order.delivery);
  const qr = useOrdersStore((s) => s.qr[order.id]);
  const qrError = useOrdersStore((s) => s.qrErrors[order.id]);
  const loadQr = useOrdersStore((s) => s.loadQr);
  const wantQr = order.revealed && details.qrAvailable;

  useEffect(() => {
    if (wantQr && !qr) void loadQr(order.id);
  }, [wantQr, qr, loadQr, order.id]);

  const supplierQr = order.delivery?.qrImage;
  return (
    <div className="esim-delivery">
      <div className="qr-pair">
        <figure className="qr-figure">
          {wantQr && qr && <QrImage src={qr} label={t('esim.qr.ours')} testId="order-qr" />}
          {wantQr && !qr && <div className={`qr-placeholder${qrError ? ' error' : ''}`} role={qrError ? 'alert' : 'status'}>{qrError || t('state.loading')}</div>}
          {!wantQr && (
            <div className={`qr-placeholder${order.revealed ? '' : ' locked'}`}>
              {!details.lpa ? t('esim.qr.none') : order.revealed ? t('esim.qr.invalid') : t('esim.qr.hidden')}
            </div>
          )}
          <figcaption>
            <span>{t('esim.qr.ours')}</span>
            <button type="button" className="button small" disabled={!qr || !wantQr} onClick={() => qr && downloadDataUri(qr, qrFileName(order))}>{t('esim.qr.save')}</button>
          </figcaption>
        </figure>
        {supplierQr && (
          <figure className="qr-figure">
            <QrImage src={supplierQr} label={t('esim.qr.supplier')} testId="supplier-qr" />
            <figcaption><span>{t('esim.qr.supplier')}</span></figcaption>
          </figure>
        )}
      </div>
      <dl className="delivery-fields">
        <DeliveryField name="smdp" label={t('esim.smdp')} value={details.smdpAddress} />
        <DeliveryField name="activation-code" label={t('esim.code')} value={details.activationCode} masked={isMasked(details.activationCode ?? undefined)} />
        <DeliveryField name="iccid" label={t('esim.iccid')} value={details.iccid} />
        <DeliveryField name="lpa" label={t('esim.lpa')} value={details.lpa} masked={isMasked(details.lpa ?? undefined)} />
        <div className="delivery-field" data-field="apple-link">
          <dt>{t('esim.apple')}</dt>
          <dd>
            {details.appleLink
              ? (
                <>
                  <a className="apple-link" href={details.appleLink} target="_blank" rel="noreferrer">{t('esim.apple.open')}</a>
                  <CopyButton text={details.appleLink} what={t('esim.apple')} />
                </>
              )
              : <span className="muted">{order.revealed ? t('esim.apple.none') : t('esim.apple.hidden')}</span>}
          </dd>
        </div>
      </dl>
    </div>
  );
}

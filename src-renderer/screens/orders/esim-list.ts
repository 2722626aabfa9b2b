import type { OrderView, Delivery } from '../../../src-shared/order-types';
import { esimDetails, qrFileName, type EsimDetails } from '../../stores/orders-view';

export interface DeliveredEsim extends EsimDetails {
  /** Position in Delivery.esims, which is how main draws that eSIM's QR; null for an order's one and only eSIM. */
  index: number | null;
}

/**
 * Every eSIM an order delivered, each with its own parts. An order for several lists them all in `esims` (the
 * single-eSIM fields repeat the first); anything else is one eSIM, read from the single-eSIM fields as before.
 */
export function deliveredEsims(delivery: Delivery | null): DeliveredEsim[] {
  const several = delivery?.esims;
  if (!several || several.length < 2) return [{ ...esimDetails(delivery), index: null }];
  return several.map((esim, index) => ({ ...esimDetails(esim), index }));
}

/** One PNG name per eSIM, so saving the QR of each of several does not overwrite the last. */
export function esimQrFileName(order: Pick<OrderView, 'id' | 'supplier'>, index: number | null): string {
  const name = qrFileName(order);
  return index === null ? name : name.replace(/\.png$/, `-esim-${index + 1}.png`);
}

import { z } from 'zod';
import { parseLpa } from '../../domain/lpa';
import type { Money } from '../../domain/money';
import type { Delivery } from '../../../src-shared/order-types';
import type { OrderState } from '../adapter';
import { lpaProblemText, orderText } from '../../../src-shared/order-notes';
import { issueText } from '../../../src-shared/issue-codes';

/** orderPayStatus of queryOrdStatusAndEmail: 0 waiting for payment, 1 paid, 2 payment failed, 3 cancelled. */
export const PAY_STATUS = { waiting: 0, paid: 1, failed: 2, cancelled: 3 } as const;

const payStatus = z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]);

/**
 * linksfield-fields.md names the status `orderPayStatus`; the FMS docs' own example answer calls it `orderStatus`.
 * Both are read, orderPayStatus first.
 */
export const orderStatusSchema = z
  .looseObject({
    orderPayStatus: payStatus.nullish(),
    orderStatus: payStatus.nullish(),
    qrCode: z.string().nullish(),
  })
  .refine(
    (answer) => answer.orderPayStatus != null || answer.orderStatus != null,
    issueText('problem.neitherGiven', { first: 'orderPayStatus', second: 'orderStatus' }),
  );
export type FmsOrderStatus = z.infer<typeof orderStatusSchema>;

export function fmsOrderState(answer: FmsOrderStatus, orderId: string, paid: Money | null): OrderState {
  const status = answer.orderPayStatus ?? answer.orderStatus!;
  const base = { upstreamOrderId: orderId, amount: null as Money | null, delivery: null, error: null };
  switch (status) {
    case PAY_STATUS.waiting:
      return { ...base, status: 'processing', upstreamStatus: orderText('upstream.waitingForPayment', { code: '0' }) };
    case PAY_STATUS.paid: {
      const qrCode = answer.qrCode?.trim();
      // Paid but no QR yet ("3005 qrCode null" is how FMS names that): the profile is still being assigned.
      if (!qrCode)
        return {
          ...base,
          amount: paid,
          status: 'processing',
          upstreamStatus: orderText('upstream.paidQrNotReady', { code: '1' }),
        };
      return {
        ...base,
        amount: paid,
        status: 'delivered',
        upstreamStatus: orderText('upstream.paid', { code: '1' }),
        delivery: qrDelivery(qrCode),
      };
    }
    case PAY_STATUS.failed:
      return {
        ...base,
        status: 'failed',
        upstreamStatus: orderText('upstream.paymentFailed', { code: '2' }),
        error: orderText('error.paymentFailed'),
      };
    case PAY_STATUS.cancelled:
      return { ...base, status: 'canceled', upstreamStatus: orderText('upstream.canceled', { code: '3' }) };
    default:
      return {
        ...base,
        status: 'processing',
        upstreamStatus: orderText('upstream.unknownStatus', { status: `orderPayStatus ${status}` }),
      };
  }
}

/** "qrCode carries the LPA activation string"; an image is kept as the supplier's QR in case a host sends one instead. */
function qrDelivery(qrCode: string): Delivery {
  if (/^data:image\//i.test(qrCode)) return { qrImage: qrCode };
  const code = parseLpa(qrCode);
  if (code.ok)
    return { lpa: code.value.lpa, smdpAddress: code.value.smdpAddress, activationCode: code.value.activationCode };
  return { lpa: qrCode, text: orderText('deliveryNote.qrNotStandard', { reason: lpaProblemText(code.problem) }) };
}

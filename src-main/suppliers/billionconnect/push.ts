import type { z } from 'zod';
import { parseLpa } from '../../domain/lpa';
import { SupplierError } from '../../http/errors';
import type { Delivery } from '../../../src-shared/order-types';
import type { OrderState, PushNotifications } from '../adapter';
import { hexDigestMatches } from '../shared/digest';
import { issuesText } from '../shared/issue-text';
import { SUCCESS_CODE } from './client';
import { n001Schema, n009Schema, pushEnvelopeSchema, type PushedEsim } from './schemas';
import { SIGN_METHOD, signBody } from './sign';
import { lpaProblemText, orderText } from '../../../src-shared/order-notes';
import { supplierText } from '../shared/supplier-text';

/** What BillionConnect expects back from a notification it may stop retrying. */
export const ACCEPTED_REPLY = {
  status: 200,
  contentType: 'application/json;charset=UTF-8',
  body: JSON.stringify({ tradeCode: SUCCESS_CODE, tradeMsg: 'success' }),
} as const;

const N001_CANCELLED = '2';

export type PushUpdate = ReturnType<PushNotifications['read']>[number];

/**
 * BillionConnect's pushes, signed as its requests are: x-sign-value = md5(appSecret + the body's exact bytes).
 * N009 carries the eSIMs (the only copy of their LPAs) and makes the order delivered; N001 "cancelled" cancels it;
 * every other genuine push is acknowledged and changes nothing. Reading is pure, so a repeated push (BillionConnect
 * retries up to three times) yields the same update again.
 */
export function createBillionConnectPush(appSecret: string, label: string): PushNotifications {
  function read(
    rawBody: Buffer,
    headers: Record<string, string | undefined>,
    options: { pastedByMerchant?: boolean } = {},
  ): PushUpdate[] {
    // A body the merchant copied from BillionConnect's portal has no headers to check; they vouch for it themselves.
    if (!options.pastedByMerchant) verify(rawBody, headers);
    let json: unknown;
    try {
      json = JSON.parse(rawBody.toString('utf8'));
    } catch {
      throw rejected(supplierText('push.notJson'));
    }
    const envelope = pushEnvelopeSchema.safeParse(json);
    if (!envelope.success) throw rejected(supplierText('push.notNotification', { detail: issuesText(envelope.error) }));
    const { tradeType, tradeData } = envelope.data;
    if (tradeType === 'N009') return [delivered(parse(n009Schema, tradeData, tradeType))];
    if (tradeType === 'N001') {
      const notice = parse(n001Schema, tradeData, tradeType);
      if (notice.orderStatus !== N001_CANCELLED) return [];
      return [
        {
          idempotencyKey: notice.channelOrderId,
          state: {
            status: 'canceled',
            upstreamOrderId: notice.orderId,
            upstreamStatus: orderText('upstream.canceled', { code: 'N001' }),
            amount: null,
            delivery: null,
            error: null,
          },
        },
      ];
    }
    return [];
  }

  function verify(rawBody: Buffer, headers: Record<string, string | undefined>): void {
    const given = header(headers, 'x-sign-value');
    if (!given) throw rejected(supplierText('push.noSignature'));
    const method = header(headers, 'x-sign-method');
    if (method && method.toLowerCase() !== SIGN_METHOD) throw rejected(supplierText('push.signMethod', { method }));
    // Hex case carries no meaning; the digest must be over these exact bytes, never a re-serialization.
    if (!hexDigestMatches(signBody(appSecret, rawBody), given.trim().toLowerCase())) {
      throw rejected(supplierText('push.badSignature'));
    }
  }

  function parse<T>(schema: z.ZodType<T>, data: unknown, tradeType: string): T {
    const parsed = schema.safeParse(data);
    if (!parsed.success)
      throw rejected(supplierText('push.unreadable', { trade: tradeType, detail: issuesText(parsed.error) }));
    return parsed.data;
  }

  function rejected(reason: string): SupplierError {
    return new SupplierError(supplierText('supplier.pushRefused', { where: label, reason }), 'push_rejected');
  }

  return { read, acceptedReply: { ...ACCEPTED_REPLY } };
}

function delivered(notice: z.infer<typeof n009Schema>): PushUpdate {
  const state: OrderState = {
    status: 'delivered',
    upstreamOrderId: notice.orderId,
    upstreamStatus: orderText('upstream.qrSent', { code: 'N009' }),
    amount: null,
    delivery: esimDelivery(notice.subOrderList),
    error: null,
  };
  return { idempotencyKey: notice.channelOrderId, state };
}

/**
 * The first eSIM fills Delivery's single-eSIM fields (what a one-eSIM order shows); an order for several lists every
 * one, the first again included, in `esims`, each with its own ICCID, LPA and code parts, so each gets its own QR.
 * PIN, PUK and APN settings stay in text: Delivery has no fields for them.
 */
function esimDelivery(esims: PushedEsim[]): Delivery {
  const [first] = esims;
  const code = parseLpa(first.qrCodeContent);
  const notes =
    esims.length > 1
      ? esims.flatMap((esim, index) => [esimLine(esim, index + 1, esims.length), ...simCodes(esim)])
      : simCodes(first);
  if (!code.ok) notes.unshift(orderText('deliveryNote.qrNotStandard', { reason: lpaProblemText(code.problem) }));
  return {
    // As the FAQ reads it: the SM-DP+ address between the first and second "$", the activation code after the second.
    ...structured(first),
    ...(notes.length ? { text: notes.join('\n') } : {}),
    ...(esims.length > 1 ? { esims: esims.map(structured) } : {}),
  };
}

function structured(esim: PushedEsim): { lpa: string; smdpAddress?: string; activationCode?: string; iccid?: string } {
  const code = parseLpa(esim.qrCodeContent);
  return {
    ...(code.ok
      ? { lpa: code.value.lpa, smdpAddress: code.value.smdpAddress, activationCode: code.value.activationCode }
      : { lpa: esim.qrCodeContent.trim() }),
    ...(esim.iccid[0] ? { iccid: esim.iccid[0] } : {}),
  };
}

/** One eSIM of several, as a coded line: which one, its ICCIDs and its code as delivered. */
function esimLine(esim: PushedEsim, index: number, count: number): string {
  const code = esim.qrCodeContent.trim();
  return esim.iccid.length
    ? orderText('deliveryNote.esimWithIccid', { index, count, iccid: esim.iccid.join(', '), code })
    : orderText('deliveryNote.esim', { index, count, code });
}

/**
 * PIN, PUK and APN settings, the phone number and the end of validity, one coded line each: Delivery has no fields
 * for them, and buyers of some networks need them.
 */
function simCodes(esim: PushedEsim): string[] {
  const apn = !esim.apn
    ? null
    : !esim.apnUsername
      ? orderText('deliveryNote.apn', { apn: esim.apn })
      : esim.apnPassword
        ? orderText('deliveryNote.apnLogin', { apn: esim.apn, user: esim.apnUsername, password: esim.apnPassword })
        : orderText('deliveryNote.apnUser', { apn: esim.apn, user: esim.apnUsername });
  return [
    esim.pin ? orderText('deliveryNote.pin', { pin: esim.pin }) : null,
    esim.puk ? orderText('deliveryNote.puk', { puk: esim.puk }) : null,
    apn,
    esim.msisdn ? orderText('deliveryNote.number', { number: esim.msisdn }) : null,
    esim.validTime ? orderText('deliveryNote.validUntil', { until: esim.validTime }) : null,
  ].filter((line): line is string => line !== null);
}

/** Node lowercases header names; a receiver built on something else may not. */
function header(headers: Record<string, string | undefined>, name: string): string | undefined {
  const direct = headers[name];
  if (direct !== undefined) return direct;
  const found = Object.keys(headers).find((key) => key.toLowerCase() === name);
  return found === undefined ? undefined : headers[found];
}

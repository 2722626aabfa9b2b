import { parseLpa } from '../domain/lpa';
import type { Delivery } from '../../src-shared/order-types';

const DOT = '•';

/** Keeps the last 4 characters, enough to tell two codes apart without being able to use either. */
export function maskSecret(value: string): string {
  if (value.length <= 4) return DOT.repeat(value.length);
  return `${DOT.repeat(Math.min(8, value.length - 4))}${value.slice(-4)}`;
}

/**
 * What may be shown without a reveal: the SM-DP+ address, ICCID and card serials are not secrets (printed on
 * packaging, useless alone); the activation code, PIN, card number and the supplier's QR image are.
 */
export function maskDelivery(delivery: Delivery | null): Delivery | null {
  if (!delivery) return null;
  const masked: Delivery = { ...delivery };
  Object.assign(masked, maskEsim(delivery));
  if (delivery.esims) masked.esims = delivery.esims.map((esim) => ({ ...esim, ...maskEsim(esim) }));
  if (delivery.qrImage) delete masked.qrImage;
  if (delivery.cards) {
    masked.cards = delivery.cards.map((card) => ({
      ...card,
      ...(card.number ? { number: maskSecret(card.number) } : {}),
      ...(card.pin ? { pin: DOT.repeat(card.pin.length) } : {}),
    }));
  }
  // Free text may hold a code (a confirmation code, a card key the supplier did not structure).
  if (delivery.text) masked.text = maskSecret(delivery.text);
  return masked;
}

function maskEsim(esim: { lpa?: string; activationCode?: string }): { lpa?: string; activationCode?: string } {
  const masked: { lpa?: string; activationCode?: string } = {};
  if (esim.activationCode) masked.activationCode = maskSecret(esim.activationCode);
  if (esim.lpa) {
    const parsed = parseLpa(esim.lpa);
    masked.lpa = parsed.ok
      ? parsed.value.lpa.replace(`$${parsed.value.activationCode}`, `$${maskSecret(parsed.value.activationCode)}`)
      : maskSecret(esim.lpa);
  }
  return masked;
}
